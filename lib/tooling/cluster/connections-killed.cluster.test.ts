// Every app connection is killed every 2 seconds (pg_terminate_backend) while three instances take
// a storm of double-submitted creates: each request succeeds or is told to retry (503 with
// Retry-After, never a 500), and after the client's retries every record, event and result exists
// exactly once.
import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { createTestDatabase } from "../testing/test-database.ts";
import { assertAllAlive, assertCleanAnswers, assertExactlyOnce, runStorm, startTestCluster } from "../testing/cluster.ts";

test("connections killed every 2 s mid-storm: retryable answers only, every record once", { timeout: 240_000 }, async () => {
  const database = await createTestDatabase({ migrate: false });
  const cluster = await startTestCluster({ databaseUrl: database.url });
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = new URL(database.url).pathname.slice(1);
  let rounds = 0;
  let killed = 0;
  const killer = setInterval(() => {
    admin
      .query<{ n: number }>("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])
      .then(
        (r) => {
          rounds++;
          killed += r.rows[0].n;
        },
        () => {},
      );
  }, 2_000);
  try {
    const report = await runStorm(cluster, { durationMs: 10_000 });
    clearInterval(killer);
    console.log(
      `${report.records.length} records; answers ${JSON.stringify(report.statuses)}; ${killed} connections killed in ${rounds} rounds; slowest ${report.slowestMs.toFixed(0)} ms`,
    );
    assert.ok(rounds >= 4, `the killer ran during the storm (${rounds} rounds)`);
    assert.ok(killed >= 10, `app connections were killed (${killed})`);
    assert.ok((report.statuses[503] ?? 0) > 0, "some requests met a killed connection and were told to retry");
    assertCleanAnswers(report);
    assertAllAlive(cluster.instances);
    await assertExactlyOnce(cluster, report.records);
  } finally {
    clearInterval(killer);
    await admin.end();
    await cluster.stop();
    await database.close();
  }
});
