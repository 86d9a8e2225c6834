// `npm run bench:api`: a duplicate storm over HTTP against a production build. 2,000 POSTs to
// /api/v1/customers over 200 Idempotency-Keys, the 10 copies of each key sent at once, one copy in
// ten with a changed body; 409 "in progress" answers are retried after Retry-After, as a client
// would. Beside it, in the same run, the same load through the same save without key handling.
import pg from "pg";
import {
  apiRow,
  apiStormRound,
  COPIES,
  createBenchToken,
  exactKeyed,
  KEYS,
  KEYS_IN_FLIGHT,
  summariseApi,
  type ApiMode,
  type ApiRound,
} from "../bench/api-storm.ts";
import { createBenchOwner } from "../bench/bench-owner.ts";
import { startBenchServer } from "../bench/app-server.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";

const ROUNDS = 3;

process.env.API_RATE_LIMIT_PER_MINUTE = "100000000"; // the benchmark measures saves, not the limiter

const server = await startBenchServer();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);
  const secret = await createBenchToken(db, owner);
  const target = { urls: [server.appUrl], benchToken: server.benchToken, secret, countRows };
  const round = (mode: ApiMode, keys?: number) => apiStormRound(target, mode, keys);

  await round("keyed", 20); // warm-up: JIT, connection pools, query plans
  await round("unkeyed", 20);
  const rounds: ApiRound[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round("keyed"));
    rounds.push(await round("unkeyed"));
  }
  const summary = (mode: ApiMode) => summariseApi(rounds, mode);
  const keyed = summary("keyed");
  const unkeyed = summary("unkeyed");
  const ratio = keyed.rps / unkeyed.rps;
  const table = [
    `| path | rows per round (${ROUNDS} rounds) | HTTP requests sent (median, incl. retries) | copies/s (median) | p50 ms | p95 ms | answers |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    apiRow("POST /api/v1/customers with Idempotency-Key", keyed),
    apiRow("the same save, no key handling", unkeyed),
  ].join("\n");
  const exact = exactKeyed(rounds);
  console.log(
    `\n${table}\n\nKeyed throughput / unkeyed: ${ratio.toFixed(2)} (target ≥ 0.80). Exactly ${KEYS} rows and every answer as expected in every keyed round: ${exact ? "yes" : "NO"}.`,
  );
  await writeBenchmarkSection(
    `bench:api (${server.database} database)`,
    [
      `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:api\`${server.database === "server" ? " with `DATABASE_URL` set" : ""}: production build (\`next start\`), ${server.database === "embedded" ? "embedded PGlite" : "PostgreSQL server"}, ${KEYS * COPIES} POSTs per round over ${KEYS} Idempotency-Keys (${COPIES} concurrent copies per key, one of them with a changed body; ${KEYS_IN_FLIGHT} keys, so ${KEYS_IN_FLIGHT * COPIES} requests, in flight), 409 "in progress" retried after its \`Retry-After: 1\`; ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round. Latency is per copy, from its first send to its final answer, retries and waits included.`,
      "",
      table,
      "",
      `Ratio of throughput (copies answered per second), keyed / unkeyed: **${ratio.toFixed(2)}** (target ≥ 0.80). Every keyed round created exactly ${KEYS} rows and every copy ended as the winner's exact replay or a 422: ${exact ? "yes" : "NO"}.`,
      "",
      "How to read it: without key handling the bodies carry no `id`, so every copy is a full save (a transaction under the owner's lock with the near-match check) and it is the near-match check that stops the copies: each answers 409 possible-duplicate (the changed copy too, as it keeps the email). One owner's saves are serialised by that lock, which caps both paths on this machine. With the key, only the first copy of each key saves; the others are answered from the key, at once if they arrive after its commit, or after waiting out `Retry-After: 1` if they arrive while it runs (on PostgreSQL; the embedded database runs one transaction at a time, so copies queue and then replay). Those 1 s waits are the keyed path's cost: they overlap more, and cost less throughput, the more keys are in flight.",
    ].join("\n"),
  );
  if (!exact) process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
