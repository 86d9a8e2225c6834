// `npm run bench:create`: a duplicate storm against a production build, over HTTP. 2,000 creates
// over 200 distinct IDs (10 copies of each in flight at once) through the forms' save function,
// beside the same load as plain inserts with no protection, alternating rounds in one run.
import pg from "pg";
import { distinctCustomer } from "../testing/seed.ts";
import { startBenchServer } from "../bench/app-server.ts";
import { BENCH_TOKEN_HEADER } from "../bench/bench-gate.ts";
import { createBenchOwner } from "../bench/bench-owner.ts";
import { describeMachine } from "../bench/machine.ts";
import { latencyPercentiles, median, runPool } from "../bench/stats.ts";
import { writeBenchmarkSection } from "../bench/report.ts";

const IDS = 200;
const COPIES = 10;
const CONCURRENCY = 50;
const ROUNDS = 3;

interface RoundResult { mode: string; rowsCreated: number; seconds: number; rps: number; p50: number; p95: number; errors: number }

const server = await startBenchServer();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);

  async function round(mode: "protected" | "plain", requests = IDS * COPIES): Promise<RoundResult> {
    // Customers unlike each other, so the near-match check passes them (it still runs for each).
    const bodies = Array.from({ length: requests / COPIES }, () => distinctCustomer());
    // The copies of one ID sit next to each other, so with 50 in flight all 10 race each other.
    const tasks = bodies.flatMap((body) => Array.from({ length: COPIES }, () => async () => {
      const started = performance.now();
      const response = await fetch(`${server.appUrl}/api/bench/customers?mode=${mode}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bench-owner": owner, [BENCH_TOKEN_HEADER]: server.benchToken },
        body: JSON.stringify(body),
        redirect: "manual",
      });
      await response.arrayBuffer();
      return { ms: performance.now() - started, ok: response.status === 200 || response.status === 201 };
    }));
    const before = await countRows();
    const started = performance.now();
    const results = await runPool(tasks, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    return {
      mode,
      rowsCreated: (await countRows()) - before,
      seconds,
      rps: results.length / seconds,
      ...latencyPercentiles(results.map((r) => r.ms)),
      errors: results.filter((r) => !r.ok).length,
    };
  }

  await round("protected", 200); // warm-up: JIT, connection pools, query plans
  await round("plain", 200);
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round("protected"));
    rounds.push(await round("plain"));
  }
  const summary = (mode: string) => {
    const rs = rounds.filter((r) => r.mode === mode);
    return {
      rows: rs.map((r) => r.rowsCreated).join(" / "),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p95: median(rs.map((r) => r.p95)),
    };
  };
  const p = summary("protected");
  const plain = summary("plain");
  const ratio = p.rps / plain.rps;
  const table = [
    `| path | rows created per round (${ROUNDS} rounds) | errors | requests/s (median) | p50 ms | p95 ms |`,
    "| --- | --- | --- | --- | --- | --- |",
    `| duplicate-safe save (the forms' saveCustomer) | ${p.rows} | ${p.errors} | ${p.rps.toFixed(0)} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} |`,
    `| plain insert, no protection | ${plain.rows} | ${plain.errors} | ${plain.rps.toFixed(0)} | ${plain.p50.toFixed(1)} | ${plain.p95.toFixed(1)} |`,
  ].join("\n");
  const verdict = rounds.filter((r) => r.mode === "protected").every((r) => r.rowsCreated === IDS) ? "yes" : "NO";
  console.log(`\n${table}\n\nProtected throughput / plain: ${ratio.toFixed(2)} (target ≥ 0.80). Exactly ${IDS} rows per protected round: ${verdict}.`);
  await writeBenchmarkSection(`bench:create (${server.database} database)`, [
    `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:create\`${server.database === "server" ? " with `DATABASE_URL` set" : ""}: production build (` + "`next start`" + `), ${server.database === "embedded" ? "embedded PGlite" : "PostgreSQL server"}, ${IDS * COPIES} POSTs per round over ${IDS} IDs (${COPIES} concurrent copies each, ${CONCURRENCY} requests in flight), ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round.`,
    "",
    table,
    "",
    `Ratio of throughput, protected / plain: **${ratio.toFixed(2)}** (target ≥ 0.80). Every protected round created exactly ${IDS} rows: ${verdict}.`,
    "",
    "How to read it: the load generator shares the machine's cores with the app, which runs as one server process. A new ID costs a transaction (a lock on the ID, a read, a lock on the owner, the near-match query, the insert), and one owner's new saves are serialised by that owner lock so that near-identical records always see each other. Copies of an ID that arrive while its first copy is being saved wait for it inside the server process, holding no database connection, and then cost one read each, as does any later repeat (lib/idempotency/after-first-copy.ts); copies that reach different server processes would instead queue on the ID's lock in the database, each holding a connection. The plain path is one INSERT per request with no check at all, so it writes every copy as a new row.",
  ].join("\n"));
  if (verdict !== "yes") process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
