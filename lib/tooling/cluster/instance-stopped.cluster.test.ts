// One of three instances dies mid-storm. SIGKILL: whatever it was doing is either committed once or
// redone once (by the client's retry, or by another instance's dispatcher once its outbox claims
// run out). SIGTERM: it finishes the requests it holds and its dispatch round, and exits within
// 10 s (a round stuck on a hanging provider gives its claims back: lib/outbox/delivery.test.ts).
import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { newId } from "../../ids.ts";
import { distinctCustomer } from "../testing/seed.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { assertCleanAnswers, assertExactlyOnce, runStorm, startTestCluster } from "../testing/cluster.ts";

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("SIGKILL one of three instances mid-storm: every record, event and result exactly once", { timeout: 240_000 }, async () => {
  const database = await createTestDatabase({ migrate: false });
  const cluster = await startTestCluster({ databaseUrl: database.url });
  try {
    const storm = runStorm(cluster, { durationMs: 10_000 });
    await new Promise((r) => setTimeout(r, 4_000));
    const victim = cluster.instances[1];
    const exit = await victim.stop("SIGKILL");
    assert.equal(exit.signal, "SIGKILL");
    await waitFor(async () => (await cluster.proxy.states())[`instance${victim.index}`] === "DOWN", 10_000, "HAProxy took the killed instance out");
    const report = await storm;
    console.log(`${report.records.length} records; answers ${JSON.stringify(report.statuses)}; served ${JSON.stringify(await cluster.proxy.served())}`);
    assertCleanAnswers(report);
    // The survivors took over: delivery finishes, with the dead instance's claims redone once.
    await assertExactlyOnce(cluster, report.records);
  } finally {
    await cluster.stop();
    await database.close();
  }
});

/**
 * Starts a POST to one instance and sends only part of its body; `finish` sends the rest and reads
 * the answer. Resolves once the instance has read the headers (its "100 Continue"): a connection
 * whose request the server has not read yet is idle to it, and closing the server drops it.
 */
async function halfSentRequest(port: number, token: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  let resolveAnswer: (a: { status: number; text: string }) => void;
  const answer = new Promise<{ status: number; text: string }>((resolve) => (resolveAnswer = resolve));
  const req = http.request(
    {
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/v1/customers",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": newId(),
        "content-length": payload.length,
        expect: "100-continue",
      },
    },
    (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolveAnswer({ status: res.statusCode ?? 0, text }));
    },
  );
  req.on("error", (error) => resolveAnswer({ status: 0, text: String(error) }));
  req.flushHeaders();
  await new Promise<void>((resolve) => req.once("continue", resolve));
  req.write(payload.subarray(0, 10));
  return {
    finish() {
      req.end(payload.subarray(10));
      return answer;
    },
  };
}

test("SIGTERM one instance mid-storm: its request in flight is answered, its dispatcher signs off, it exits within 10 s", { timeout: 240_000 }, async () => {
  const database = await createTestDatabase({ migrate: false });
  const cluster = await startTestCluster({ databaseUrl: database.url });
  try {
    const storm = runStorm(cluster, { durationMs: 8_000 });
    await new Promise((r) => setTimeout(r, 3_000));
    const victim = cluster.instances[1];
    const dispatcherId = `${(await cluster.db.outboxDispatcher.findMany({ select: { id: true } })).map((d) => d.id).find((id) => id.includes(`:${victim.child.pid}:`))}`;
    const lastCustomer = distinctCustomer();
    const inFlight = await halfSentRequest(victim.port, cluster.token, lastCustomer);
    await new Promise((r) => setTimeout(r, 100)); // the first bytes of the body have arrived too
    const started = Date.now();
    const exited = victim.stop("SIGTERM");
    let exitedAt = 0;
    void exited.then(() => (exitedAt = Date.now()));
    // Its readiness fails at once and it keeps its port open meanwhile: HAProxy stops sending first.
    const leftOut = waitFor(
      async () => (await cluster.proxy.states())[`instance${victim.index}`] !== "UP",
      10_000,
      "HAProxy took the stopping instance out",
    ).then(() => Date.now());
    await new Promise((r) => setTimeout(r, 500));
    const answer = await inFlight.finish();
    const exit = await exited;
    const tookMs = Date.now() - started;
    const leftOutAt = await leftOut;
    assert.ok(leftOutAt <= exitedAt, `HAProxy left it out (${leftOutAt - started} ms) before it exited (${exitedAt - started} ms)`);
    const report = await storm;
    console.log(
      `in-flight request answered ${answer.status}; instance exited with code ${exit.code} after ${tookMs} ms; ${report.records.length} records; answers ${JSON.stringify(report.statuses)}`,
    );
    assert.equal(answer.status, 201, `the request in flight at SIGTERM was completed: ${answer.text.slice(0, 200)}`);
    assert.equal(exit.code, 0, "a clean exit");
    assert.ok(tookMs <= 10_000, `exited within 10 s (${tookMs} ms)`);
    assert.ok(dispatcherId.includes(String(victim.child.pid)), `found the instance's dispatcher (${dispatcherId})`);
    assert.equal(await cluster.db.outboxDispatcher.count({ where: { id: dispatcherId } }), 0, "its dispatcher signed off");
    assertCleanAnswers(report);
    await assertExactlyOnce(cluster, report.records, { alsoCustomers: [lastCustomer.id] });
  } finally {
    await cluster.stop();
    await database.close();
  }
});
