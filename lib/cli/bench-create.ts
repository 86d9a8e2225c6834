// `npm run bench:create`: two storms against a production build, over HTTP, through the forms' save
// function beside plain inserts with no protection, alternating rounds in one run. The duplicate
// storm: 2,000 creates over 200 distinct IDs (10 copies of each in flight at once). The distinct
// storm: 2,000 creates of 2,000 different customers of one owner, which used to queue behind the
// owner's lock and now lock only their own near-match keys.
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

type Storm = "duplicate" | "distinct";
interface RoundResult { mode: string; storm: Storm; rowsCreated: number; seconds: number; rps: number; p50: number; p95: number; errors: number }

const server = await startBenchServer();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);

  async function round(mode: "protected" | "plain", storm: Storm, requests = IDS * COPIES): Promise<RoundResult> {
    const copies = storm === "duplicate" ? COPIES : 1;
    // Customers unlike each other, so the near-match check passes them (it still runs for each).
    const bodies = Array.from({ length: requests / copies }, () => distinctCustomer());
    // The copies of one ID sit next to each other, so with 50 in flight all 10 race each other.
    const tasks = bodies.flatMap((body) => Array.from({ length: copies }, () => async () => {
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
      storm,
      rowsCreated: (await countRows()) - before,
      seconds,
      rps: results.length / seconds,
      ...latencyPercentiles(results.map((r) => r.ms)),
      errors: results.filter((r) => !r.ok).length,
    };
  }

  await round("protected", "duplicate", 200); // warm-up: JIT, connection pools, query plans
  await round("plain", "duplicate", 200);
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const storm of ["duplicate", "distinct"] as const) {
      rounds.push(await round("protected", storm));
      rounds.push(await round("plain", storm));
    }
  }
  const summary = (mode: string, storm: Storm) => {
    const rs = rounds.filter((r) => r.mode === mode && r.storm === storm);
    return {
      rows: rs.map((r) => r.rowsCreated).join(" / "),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p95: median(rs.map((r) => r.p95)),
    };
  };
  const row = (label: string, s: ReturnType<typeof summary>) => `| ${label} | ${s.rows} | ${s.errors} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} |`;
  const [p, plain, pd, plainD] = [summary("protected", "duplicate"), summary("plain", "duplicate"), summary("protected", "distinct"), summary("plain", "distinct")];
  const ratio = p.rps / plain.rps;
  const table = [
    `| storm | path | rows created per round (${ROUNDS} rounds) | errors | requests/s (median) | p50 ms | p95 ms |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    row(`duplicate: ${IDS} IDs × ${COPIES} copies | duplicate-safe save (the forms' saveCustomer)`, p),
    row("duplicate | plain insert, no protection", plain),
    row(`distinct: ${IDS * COPIES} different customers | duplicate-safe save`, pd),
    row("distinct | plain insert, no protection", plainD),
  ].join("\n");
  const exact = (storm: Storm, rows: number) => rounds.filter((r) => r.mode === "protected" && r.storm === storm).every((r) => r.rowsCreated === rows);
  const verdict = exact("duplicate", IDS) && exact("distinct", IDS * COPIES) ? "yes" : "NO";
  console.log(`\n${table}\n\nDuplicate storm, protected / plain: ${ratio.toFixed(2)} (target ≥ 0.80). Distinct storm, protected / plain: ${(pd.rps / plainD.rps).toFixed(2)}. Exact row counts: ${verdict}.`);
  await writeBenchmarkSection(`bench:create (${server.database} database)`, [
    `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:create\`${server.database === "server" ? " with `DATABASE_URL` set" : ""}: production build (` + "`next start`" + `), ${server.database === "embedded" ? "embedded PGlite" : "PostgreSQL server"}, one owner, ${IDS * COPIES} POSTs per round and ${CONCURRENCY} requests in flight; the duplicate storm sends ${COPIES} concurrent copies of each of ${IDS} IDs, the distinct storm ${IDS * COPIES} different customers; ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round.`,
    "",
    table,
    "",
    `Ratio of throughput, protected / plain: **${ratio.toFixed(2)}** in the duplicate storm (target ≥ 0.80), **${(pd.rps / plainD.rps).toFixed(2)}** in the distinct storm. Every protected round created exactly one row per ID: ${verdict}.`,
    "",
    "How to read it: the load generator shares the machine's cores with the app, which runs as one server process. A new ID costs a transaction (a lock on the ID, a read, locks on the record's near-match keys, the near-match query, the insert, the keys). Two saves wait for each other only if they share a key, that is if they could match; so different customers of one owner save side by side, while near-identical ones still see each other. Copies of an ID that arrive while its first copy is being saved wait for it inside the server process, holding no database connection, and then cost one read each, as does any later repeat (lib/idempotency/after-first-copy.ts); copies that reach different server processes would instead queue on the ID's lock in the database, each holding a connection. The plain path is one INSERT per request with no check at all, so it writes every copy as a new row.",
  ].join("\n"));
  if (verdict !== "yes") process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
