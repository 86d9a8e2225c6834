// `npm run bench:api`: a duplicate storm over HTTP against a production build. 2,000 POSTs to
// /api/v1/customers over 200 Idempotency-Keys, the 10 copies of each key sent at once, one copy in
// ten with a changed body; 409 "in progress" answers are retried after Retry-After, as a client
// would. Beside it, in the same run, the same load through the same save without key handling.
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { newTokenSecret } from "../api/tokens.ts";
import { createBenchOwner } from "../bench/bench-owner.ts";
import { newId } from "../ids.ts";
import { distinctCustomer } from "../testing/seed.ts";
import { startBenchServer } from "../bench/app-server.ts";
import { BENCH_TOKEN_HEADER } from "../bench/bench-gate.ts";
import { describeMachine } from "../bench/machine.ts";
import { latencyPercentiles, median, runPool } from "../bench/stats.ts";
import { writeBenchmarkSection } from "../bench/report.ts";

const KEYS = 200;
const COPIES = 10;
const KEYS_IN_FLIGHT = 20; // 200 requests in flight
const ROUNDS = 3;

process.env.API_RATE_LIMIT_PER_MINUTE = "100000000"; // the benchmark measures saves, not the limiter

interface Copy { status: number; text: string; replayed: boolean; changed: boolean; ms: number; sends: number }
interface RoundResult { mode: "keyed" | "unkeyed"; rows: number; seconds: number; rps: number; sends: number; p50: number; p95: number; verified: string }

const server = await startBenchServer();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);
  const { secret, prefix, secretHash } = newTokenSecret();
  await db.query(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "secretHash", "expiresAt") VALUES ($1, $2, 'bench', $3, $4, now() + interval '1 day')`, [newId(), owner, prefix, secretHash]);

  async function send(mode: "keyed" | "unkeyed", key: string, body: unknown, changed: boolean): Promise<Copy> {
    const started = performance.now();
    for (let sends = 1; ; sends++) {
      const response = await fetch(`${server.appUrl}${mode === "keyed" ? "/api/v1/customers" : "/api/bench/api-customers"}`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "idempotency-key": key, [BENCH_TOKEN_HEADER]: server.benchToken },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      const retryAfter = Number(response.headers.get("retry-after"));
      if (response.status === 409 && text.includes("/request-in-progress") && sends < 30) {
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
        continue;
      }
      return { status: response.status, text, replayed: response.headers.get("idempotent-replayed") === "true", changed, ms: performance.now() - started, sends };
    }
  }

  async function round(mode: "keyed" | "unkeyed", keys = KEYS): Promise<RoundResult> {
    const groups = Array.from({ length: keys }, () => {
      const { id: _id, ...body } = distinctCustomer();
      void _id;
      const changedCopy = randomInt(COPIES);
      return { key: randomUUID(), body, changedCopy };
    });
    const before = await countRows();
    const started = performance.now();
    const results = await runPool(
      groups.map((g) => () =>
        Promise.all(Array.from({ length: COPIES }, (_, i) => {
          const changed = i === g.changedCopy;
          return send(mode, g.key, changed ? { ...g.body, name: `${g.body.name} Jr` } : g.body, changed);
        })),
      ),
      KEYS_IN_FLIGHT,
    );
    const seconds = (performance.now() - started) / 1000;
    const copies = results.flat();
    return {
      mode,
      rows: (await countRows()) - before,
      seconds,
      rps: copies.length / seconds,
      sends: copies.reduce((n, c) => n + c.sends, 0),
      ...latencyPercentiles(copies.map((c) => c.ms)),
      verified: mode === "keyed" ? verify(results) : describeStatuses(copies),
    };
  }

  /** Every copy is the winner's exact replay, or, with a body other than the winner's, a 422. */
  function verify(groups: Copy[][]): string {
    let bad = 0;
    for (const copies of groups) {
      const winners = copies.filter((c) => c.status === 201 && !c.replayed);
      if (winners.length !== 1) {
        bad += copies.length;
        continue;
      }
      const [winner] = winners;
      for (const c of copies) {
        if (c === winner) continue;
        const ok = c.changed === winner.changed ? c.status === 201 && c.replayed && c.text === winner.text : c.status === 422;
        if (!ok) bad++;
      }
    }
    return bad === 0 ? "every copy: the winner's exact replay or 422" : `${bad} copies NOT as expected`;
  }

  function describeStatuses(copies: Copy[]): string {
    const counts = new Map<string, number>();
    for (const c of copies) {
      const label = c.status === 409 ? (c.text.includes("possible-duplicate") ? "409 possible-duplicate" : "409 other") : String(c.status);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return [...counts].map(([s, n]) => `${n}× ${s}`).join(", ");
  }

  await round("keyed", 20); // warm-up: JIT, connection pools, query plans
  await round("unkeyed", 20);
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round("keyed"));
    rounds.push(await round("unkeyed"));
  }
  const summary = (mode: "keyed" | "unkeyed") => {
    const rs = rounds.filter((r) => r.mode === mode);
    return {
      rows: rs.map((r) => r.rows).join(" / "),
      sends: median(rs.map((r) => r.sends)),
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p95: median(rs.map((r) => r.p95)),
      verified: [...new Set(rs.map((r) => r.verified))].join("; "),
    };
  };
  const keyed = summary("keyed");
  const unkeyed = summary("unkeyed");
  const ratio = keyed.rps / unkeyed.rps;
  const table = [
    `| path | rows per round (${ROUNDS} rounds) | HTTP requests sent (median, incl. retries) | copies/s (median) | p50 ms | p95 ms | answers |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| POST /api/v1/customers with Idempotency-Key | ${keyed.rows} | ${keyed.sends} | ${keyed.rps.toFixed(0)} | ${keyed.p50.toFixed(1)} | ${keyed.p95.toFixed(1)} | ${keyed.verified} |`,
    `| the same save, no key handling | ${unkeyed.rows} | ${unkeyed.sends} | ${unkeyed.rps.toFixed(0)} | ${unkeyed.p50.toFixed(1)} | ${unkeyed.p95.toFixed(1)} | ${unkeyed.verified} |`,
  ].join("\n");
  const exact = rounds.filter((r) => r.mode === "keyed").every((r) => r.rows === KEYS && r.verified.startsWith("every copy"));
  console.log(`\n${table}\n\nKeyed throughput / unkeyed: ${ratio.toFixed(2)} (target ≥ 0.80). Exactly ${KEYS} rows and every answer as expected in every keyed round: ${exact ? "yes" : "NO"}.`);
  await writeBenchmarkSection(`bench:api (${server.database} database)`, [
    `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:api\`${server.database === "server" ? " with `DATABASE_URL` set" : ""}: production build (\`next start\`), ${server.database === "embedded" ? "embedded PGlite" : "PostgreSQL server"}, ${KEYS * COPIES} POSTs per round over ${KEYS} Idempotency-Keys (${COPIES} concurrent copies per key, one of them with a changed body; ${KEYS_IN_FLIGHT} keys, so ${KEYS_IN_FLIGHT * COPIES} requests, in flight), 409 "in progress" retried after its \`Retry-After: 1\`; ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round. Latency is per copy, from its first send to its final answer, retries and waits included.`,
    "",
    table,
    "",
    `Ratio of throughput (copies answered per second), keyed / unkeyed: **${ratio.toFixed(2)}** (target ≥ 0.80). Every keyed round created exactly ${KEYS} rows and every copy ended as the winner's exact replay or a 422: ${exact ? "yes" : "NO"}.`,
    "",
    "How to read it: without key handling the bodies carry no `id`, so every copy is a full save (a transaction under the owner's lock with the near-match check) and it is the near-match check that stops the copies: each answers 409 possible-duplicate (the changed copy too, as it keeps the email). One owner's saves are serialised by that lock, which caps both paths on this machine. With the key, only the first copy of each key saves; the others are answered from the key, at once if they arrive after its commit, or after waiting out `Retry-After: 1` if they arrive while it runs (on PostgreSQL; the embedded database runs one transaction at a time, so copies queue and then replay). Those 1 s waits are the keyed path's cost: they overlap more, and cost less throughput, the more keys are in flight.",
  ].join("\n"));
  if (!exact) process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
