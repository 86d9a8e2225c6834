// `npm run bench:create`: two storms against a production build, over HTTP, through the forms' save
// function beside plain inserts with no protection, alternating rounds in one run. The duplicate
// storm: 2,000 creates over 200 distinct IDs (10 copies of each in flight at once). The distinct
// storm: 2,000 creates of 2,000 different customers of one owner, which used to queue behind the
// owner's lock and now lock only their own near-match keys.
import pg from "pg";
import { startBenchServer } from "../bench/app-server.ts";
import { createBenchOwner } from "../bench/bench-owner.ts";
import {
  COPIES,
  CONCURRENCY,
  createRow as row,
  createStormRound,
  exactRows,
  IDS,
  summariseCreate,
  type CreateMode,
  type CreateRound,
  type Storm,
} from "../bench/create-storm.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";

const ROUNDS = 3;

const server = await startBenchServer();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);
  const target = { urls: [server.appUrl], benchToken: server.benchToken, owner, countRows };
  const round = (mode: CreateMode, storm: Storm, requests?: number) => createStormRound(target, mode, storm, requests);

  await round("protected", "duplicate", 200); // warm-up: JIT, connection pools, query plans
  await round("plain", "duplicate", 200);
  const rounds: CreateRound[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const storm of ["duplicate", "distinct"] as const) {
      rounds.push(await round("protected", storm));
      rounds.push(await round("plain", storm));
    }
  }
  const summary = (mode: CreateMode, storm: Storm) => summariseCreate(rounds, mode, storm);
  const [p, plain, pd, plainD] = [
    summary("protected", "duplicate"),
    summary("plain", "duplicate"),
    summary("protected", "distinct"),
    summary("plain", "distinct"),
  ];
  const ratio = p.rps / plain.rps;
  const table = [
    `| storm | path | rows created per round (${ROUNDS} rounds) | errors | requests/s (median) | p50 ms | p95 ms |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    row(`duplicate: ${IDS} IDs × ${COPIES} copies | duplicate-safe save (the forms' saveCustomer)`, p),
    row("duplicate | plain insert, no protection", plain),
    row(`distinct: ${IDS * COPIES} different customers | duplicate-safe save`, pd),
    row("distinct | plain insert, no protection", plainD),
  ].join("\n");
  const verdict = exactRows(rounds, "duplicate") && exactRows(rounds, "distinct") ? "yes" : "NO";
  console.log(
    `\n${table}\n\nDuplicate storm, protected / plain: ${ratio.toFixed(2)} (target ≥ 0.9). Distinct storm, protected / plain: ${(pd.rps / plainD.rps).toFixed(2)} (target ≥ 0.7). Exact row counts: ${verdict}.`,
  );
  await writeBenchmarkSection(
    `bench:create (${server.database} database)`,
    [
      `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:create\`${server.database === "server" ? " with `DATABASE_URL` set" : ""}: production build (` +
        "`next start`" +
        `), ${server.database === "embedded" ? "embedded PGlite" : "PostgreSQL server"}, one owner, ${IDS * COPIES} POSTs per round and ${CONCURRENCY} requests in flight; the duplicate storm sends ${COPIES} concurrent copies of each of ${IDS} IDs, the distinct storm ${IDS * COPIES} different customers; ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round.`,
      "",
      table,
      "",
      `Ratio of throughput, protected / plain: **${ratio.toFixed(2)}** in the duplicate storm (target ≥ 0.9), **${(pd.rps / plainD.rps).toFixed(2)}** in the distinct storm (target ≥ 0.7). Every protected round created exactly one row per ID: ${verdict}.`,
      "",
      "How to read it: the load generator shares the machine's cores with the app, which runs as one server process. A new ID costs one statement and no transaction when nothing looks like it: it reads, without locks, the row holding the ID with the near-match candidates and a fingerprint of what they were read from, and, when there is no row and no candidate, takes the ID's and the near-match keys' locks and inserts the customer with its keys only if the fingerprint is unchanged (else the locked three-statement save decides). With candidates, they are scored in the app and the insert is a second statement. The statements that plan slowly are named, so the server plans them once per connection. Two saves wait for each other only if they share a key, that is if they could match; so different customers of one owner save side by side, while near-identical ones still see each other. Copies of an ID that arrive while its first copy is being saved wait for it inside the server process, holding no database connection, and then cost one read each, as does any later repeat (lib/save-once/after-first-copy.ts); copies that reach different server processes would instead queue on the ID's lock in the database, each holding a connection. The plain path is one INSERT per request with no check at all, so it writes every copy as a new row.",
    ].join("\n"),
  );
  if (verdict !== "yes") process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
