// The PostgreSQL server is restarted mid-storm (a fast shutdown, down for 3 s, started again): the
// instances, never restarted themselves, answer from the database again within 10 s of it being
// back, every request meanwhile was a success or a retryable answer, and every record exists once.
// A server of the test's own, so the machine's shared one is never stopped.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startPrivatePostgres } from "../testing/private-postgres.ts";
import { assertAllAlive, assertCleanAnswers, assertExactlyOnce, runStorm, startTestCluster, type TestCluster } from "../testing/cluster.ts";

const DOWN_MS = 3_000;
const RECOVERY_LIMIT_MS = 10_000;

/** How long after `since` each instance first answers a request that needs the database. */
async function recoveryTimes(cluster: TestCluster, since: number): Promise<number[]> {
  return Promise.all(
    cluster.instances.map(async (i) => {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${i.port}/api/v1/customers?limit=1`, {
          headers: { authorization: `Bearer ${cluster.token}` },
          signal: AbortSignal.timeout(5_000),
        }).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return Date.now() - since;
        if (Date.now() - since > 30_000) return Infinity;
        await new Promise((r) => setTimeout(r, 100));
      }
    }),
  );
}

test("database restarted mid-storm: instances recover by themselves within 10 s, every record once", { timeout: 240_000 }, async () => {
  const server = await startPrivatePostgres();
  const cluster = await startTestCluster({ databaseUrl: server.url });
  try {
    let recovered: number[] = [];
    const storm = runStorm(cluster, { durationMs: 12_000 });
    await new Promise((r) => setTimeout(r, 3_000));
    await server.stop();
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await server.start();
    recovered = await recoveryTimes(cluster, Date.now());
    const report = await storm;
    console.log(
      `${report.records.length} records; answers ${JSON.stringify(report.statuses)}; instances answered again ${recovered.map((ms) => `${ms} ms`).join(", ")} after the database was back`,
    );
    assert.ok((report.statuses[503] ?? 0) > 0, "requests met the stopped database and were told to retry");
    assert.ok(
      recovered.every((ms) => ms <= RECOVERY_LIMIT_MS),
      `every instance recovered within ${RECOVERY_LIMIT_MS} ms: ${recovered.join(", ")}`,
    );
    assertCleanAnswers(report);
    assertAllAlive(cluster.instances);
    await assertExactlyOnce(cluster, report.records);
  } finally {
    await cluster.stop();
    server.destroy();
  }
});
