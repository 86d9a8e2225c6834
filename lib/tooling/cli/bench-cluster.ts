// `npm run bench:cluster`: bench:create's and bench:api's storms through HAProxy (the configuration
// `npm run start:cluster` runs, round robin) to 3 instances of the production build on one
// PostgreSQL server (DATABASE_URL), so the 10 copies of one ID or key reach different processes and
// meet only in the database. The protected and plain paths alternate over the same 3 instances in
// one run; the distinct storm is also run through a second HAProxy to one of the 3 alone, to show
// what the extra instances buy.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { apiRow, apiStormRound, COPIES as API_COPIES, createBenchToken, exactKeyed, KEYS, summariseApi, type ApiRound } from "../bench/api-storm.ts";
import { newBenchToken } from "../bench/bench-gate.ts";
import { createBenchOwner } from "../bench/bench-owner.ts";
import { COPIES, createRow, createStormRound, exactRows, IDS, summariseCreate, type CreateRound } from "../bench/create-storm.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";
import { median } from "../bench/stats.ts";
import { startHaproxy } from "../cluster/haproxy.ts";
import { startInstances } from "../cluster/instances.ts";
import { freePort } from "../../net/free-port.ts";
import { migrate } from "../../db/migrate.ts";

const INSTANCES = 3;
const ROUNDS = 3;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("npm run bench:cluster needs DATABASE_URL, a PostgreSQL server every instance reaches (the embedded database serves one process).");
  process.exit(2);
}
if (process.env.BENCH_SKIP_BUILD !== "1") {
  console.log("Building (npm run build)…");
  if (spawnSync("npm", ["run", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).status !== 0)
    throw new Error("next build failed");
}
await migrate(databaseUrl);
const benchToken = newBenchToken();
const instances = await startInstances({
  count: INSTANCES,
  env: {
    DATABASE_URL: databaseUrl,
    BENCH_TOKEN: benchToken,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    AUTH_TRUST_HOST: "true",
    API_RATE_LIMIT_PER_MINUTE: "100000000", // the benchmark measures saves, not the limiter
    OUTBOX_DISPATCHER: "off",
    PROVIDER_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
    HOST: "127.0.0.1",
    TRUSTED_PROXIES: "127.0.0.1",
  },
});
const servers = instances.map((i) => `127.0.0.1:${i.port}`);
const [allPort, onePort] = [await freePort(), await freePort()];
const proxies = [
  await startHaproxy({ dir: ".data/bench-cluster/all", bind: `127.0.0.1:${allPort}`, servers }),
  await startHaproxy({ dir: ".data/bench-cluster/one", bind: `127.0.0.1:${onePort}`, servers: servers.slice(0, 1) }),
];
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
try {
  const { owner, countCustomers: countRows } = await createBenchOwner(db);
  const secret = await createBenchToken(db, owner);
  const all = { urls: [`http://127.0.0.1:${allPort}`], benchToken, owner, secret, countRows };
  const one = { ...all, urls: [`http://127.0.0.1:${onePort}`] };

  // Warm-up: JIT, connection pools and query plans of every instance.
  await createStormRound(all, "protected", "duplicate", 300);
  await createStormRound(all, "plain", "duplicate", 300);
  await apiStormRound(all, "keyed", 30);
  await apiStormRound(all, "unkeyed", 30);

  const creates: CreateRound[] = [];
  const single: CreateRound[] = [];
  const apis: ApiRound[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const storm of ["duplicate", "distinct"] as const) {
      creates.push(await createStormRound(all, "protected", storm));
      creates.push(await createStormRound(all, "plain", storm));
    }
    single.push(await createStormRound(one, "protected", "distinct"));
    apis.push(await apiStormRound(all, "keyed"));
    apis.push(await apiStormRound(all, "unkeyed"));
  }

  const s = (mode: "protected" | "plain", storm: "duplicate" | "distinct") => summariseCreate(creates, mode, storm);
  const [p, plain, pd, plainD, oneD] = [
    s("protected", "duplicate"),
    s("plain", "duplicate"),
    s("protected", "distinct"),
    s("plain", "distinct"),
    summariseCreate(single, "protected", "distinct"),
  ];
  const [keyed, unkeyed] = [summariseApi(apis, "keyed"), summariseApi(apis, "unkeyed")];
  const ratios = { duplicate: p.rps / plain.rps, distinct: pd.rps / plainD.rps, api: keyed.rps / unkeyed.rps, scale: pd.rps / oneD.rps };
  const exact = exactRows(creates, "duplicate") && exactRows(creates, "distinct") && exactRows(single, "distinct") && exactKeyed(apis);
  const createTable = [
    `| storm | path | rows created per round (${ROUNDS} rounds) | errors | requests/s (median) | p50 ms | p95 ms |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    createRow(`duplicate: ${IDS} IDs × ${COPIES} copies over ${INSTANCES} instances | duplicate-safe save`, p),
    createRow(`duplicate over ${INSTANCES} instances | plain insert, no protection`, plain),
    createRow(`distinct: ${IDS * COPIES} customers over ${INSTANCES} instances | duplicate-safe save`, pd),
    createRow(`distinct over ${INSTANCES} instances | plain insert, no protection`, plainD),
    createRow("distinct, one of the instances alone | duplicate-safe save", oneD),
  ].join("\n");
  const apiTable = [
    `| path, over ${INSTANCES} instances | rows per round (${ROUNDS} rounds) | HTTP requests sent (median, incl. retries) | copies/s (median) | p50 ms | p95 ms | answers |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    apiRow("POST /api/v1/customers with Idempotency-Key", keyed),
    apiRow("the same save, no key handling", unkeyed),
  ].join("\n");
  const verdict = exact ? "yes" : "NO";
  const served = await proxies[0].served();
  console.log(`\n${createTable}\n\n${apiTable}\n\nRequests each instance answered through HAProxy: ${JSON.stringify(served)}`);
  console.log(
    `Protected / plain over ${INSTANCES} instances: duplicate storm ${ratios.duplicate.toFixed(2)}, distinct storm ${ratios.distinct.toFixed(2)}, API storm ${ratios.api.toFixed(2)} (target ≥ 0.80). Distinct storm, ${INSTANCES} instances / 1: ${ratios.scale.toFixed(2)}. Exact rows: ${verdict}.`,
  );
  const roundSeconds = median([...creates, ...single].map((r) => r.seconds));
  await writeBenchmarkSection(
    "bench:cluster (PostgreSQL server, 3 instances)",
    [
      `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:cluster\` with \`DATABASE_URL\` set: ${INSTANCES} instances of the production build (\`next start\`) on one PostgreSQL server, behind HAProxy (lib/tooling/cluster/haproxy.cfg's configuration: round robin, checks on /api/ready), so the copies of one ID or key reach different instances (HAProxy's own count of requests each answered: ${Object.values(served).join(" / ")}); "one instance alone" is a second HAProxy in front of the first instance only. Storms as in bench:create (${IDS * COPIES} POSTs per round, 50 in flight) and bench:api (${KEYS} keys × ${API_COPIES} copies, 20 keys in flight); ${ROUNDS} alternating rounds per path after a warm-up; figures are the median round (a create round took ${roundSeconds.toFixed(1)} s).`,
      "",
      createTable,
      "",
      apiTable,
      "",
      `Ratio of throughput, protected / plain over the same ${INSTANCES} instances: **${ratios.duplicate.toFixed(2)}** in the duplicate storm, **${ratios.distinct.toFixed(2)}** in the distinct storm, **${ratios.api.toFixed(2)}** in the API storm (target ≥ 0.80). Distinct customers, ${INSTANCES} instances against one of them alone: **${ratios.scale.toFixed(2)}×**. Every protected round created exactly one row per ID or key: ${verdict}.`,
      "",
      `What it means on this machine: ${INSTANCES} app processes, the PostgreSQL server and the load generator share 2 cores, so more instances cannot add CPU; what they show is that the guarantees hold when copies of one submit land on different processes, and what that costs. The in-process wait that makes a copy cheap on one instance (lib/save-once/after-first-copy.ts) cannot help a copy that reached another instance: that copy queues on the ID's transaction-scoped lock in the database, holding a connection, and then reads the saved row. The plain path writes every copy as a new row.`,
    ].join("\n"),
  );
  if (!exact) process.exitCode = 1;
} finally {
  await db.end();
  await Promise.all(proxies.map((p) => p.stop()));
  await Promise.all(instances.map((i) => i.stop()));
}
