// What only a real PostgreSQL server can show: several dispatchers, each with its own sessions,
// taking disjoint batches; a dispatcher killed mid-batch; an event invisible until its order commits.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../db/create-client.ts";
import { saveWithin } from "../save-once/save-once.ts";
import { newId } from "../ids.ts";
import { orderSaveOptions } from "../orders/save-order.ts";
import { OPERATION_ACK } from "../fulfilment/operation-ack.ts";
import { ORDER_PLACED } from "../fulfilment/order-placed.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { allConfirmed, FAST_DELIVERY, placeOrders, runUntil, startTestSandbox, statusCounts, testDispatcher } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";

const testDb = openTestPrisma();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

async function shipmentsPerOrder(orderIds: string[]) {
  const counts = await Promise.all(orderIds.map(async (id) => (await sandbox.shipments(id)).count));
  return new Set(counts);
}

test("an event cannot leave before its order commits: a dispatcher on another session does not see it", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const [first] = await placeOrders(db, owner, 1);
  const { customerId } = await db.order.findUniqueOrThrow({ where: { id: first } });
  const other = createPrismaClient(testDb.database.url, 2);
  const dispatcher = testDispatcher(other, sandbox);
  try {
    // The first order all the way through (its result checked too), so that nothing else is due.
    await runUntil([dispatcher], () => allConfirmed(db, owner, 1));
    const id = newId();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const written = new Promise<void>((r) => (inserted = r));
    const transaction = db.$transaction(
      async (tx) => {
        await saveWithin(tx, orderSaveOptions(owner, { id, customerId, description: "Not yet committed", amount: 777, currency: "EUR" }));
        inserted();
        await held;
      },
      { timeout: 30_000 },
    );
    await written;
    const sentBefore = (await sandbox.stats()).requests.shipments;
    assert.equal(await dispatcher.tick(), 0, "nothing to claim while the order's transaction is open");
    assert.equal((await sandbox.stats()).requests.shipments, sentBefore, "nothing sent");
    release();
    await transaction;
    await runUntil([dispatcher], async () => (await sandbox.shipments(id)).count === 1);
  } finally {
    await other.$disconnect();
  }
});

test("two dispatchers deliver 500 events: none in flight twice at once, each shipped once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orders = await placeOrders(db, owner, 500);
  const a = createPrismaClient(testDb.database.url, 5);
  const b = createPrismaClient(testDb.database.url, 5);
  const before = await sandbox.stats();
  try {
    // Some latency so that both are busy at the same time, and batches overlap in time.
    await sandbox.faults({ latencyMs: 5 });
    // Every extra request must mean a claim taken twice, not a retry: a timeout long enough that no
    // request times out on a loaded CI machine (it once did at 400 ms), and a lease longer still.
    const patient = { batchSize: 25, requestTimeoutMs: 5_000, leaseMs: 10_000 };
    const one = testDispatcher(a, sandbox, patient);
    const two = testDispatcher(b, sandbox, patient);
    await runUntil([one, two], () => allConfirmed(db, owner, 500), 120_000);
  } finally {
    await sandbox.faults({ latencyMs: 0 });
    await a.$disconnect();
    await b.$disconnect();
  }
  const stats = await sandbox.stats();
  assert.equal(stats.concurrentSameKey, 0, "no event was sent by both at once");
  assert.equal(stats.requests.shipments - before.requests.shipments, 500, "one request per event: no claim was taken twice");
  assert.deepEqual(await shipmentsPerOrder(orders), new Set([1]));
  const handledBy = await db.outboxLog.groupBy({ by: ["kind"], where: { event: { ownerId: owner, topic: ORDER_PLACED } }, _count: { _all: true } });
  assert.deepEqual(Object.fromEntries(handledBy.map((h) => [h.kind, h._count._all])), { acknowledged: 500, confirmed: 500 });
  assert.deepEqual(await statusCounts(db, owner, OPERATION_ACK), { confirmed: 500 }, "then each result acknowledged");
});

test("a dispatcher killed mid-batch (SIGKILL): its events are taken again after the lease and shipped once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orders = await placeOrders(db, owner, 25);
  // The provider holds each call for 4 s, so the kill lands while every call is in flight, and lets
  // it go before the 5 s lease ends, so the re-send never meets its own first call still running.
  // Both with room for a busy machine (with 1.5 s and 2 s the test failed once under load: 2 s is
  // little time for the claim, the kill and the survivor's first tick).
  await sandbox.faults({ latencyMs: 4_000 });
  const leaseMs = 5_000;
  // A long call timeout: the provider's latency holds each call open until the kill.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(path.dirname(fileURLToPath(import.meta.url)), "../tooling/testing/dispatcher-child.ts"),
      testDb.database.url,
      sandbox.url,
      sandbox.clientId,
      sandbox.clientSecret,
      JSON.stringify({ ...FAST_DELIVERY, leaseMs, requestTimeoutMs: 30_000, batchSize: 25 }),
    ],
    { stdio: "inherit" },
  );
  try {
    // Wait until it holds the whole batch, with its calls in flight.
    const deadline = Date.now() + 30_000;
    while ((await db.outboxEvent.count({ where: { ownerId: owner, leasedBy: { not: null } } })) < 25) {
      if (Date.now() > deadline) throw new Error("the child never claimed the batch");
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  } finally {
    child.kill("SIGKILL");
    await sandbox.faults({ latencyMs: 0 });
  }
  const survivor = testDispatcher(db, sandbox, { leaseMs });
  assert.equal(await survivor.tick(), 0, "the dead dispatcher's claims hold until their lease ends");
  await runUntil([survivor], () => allConfirmed(db, owner, 25), 60_000);
  assert.deepEqual(await shipmentsPerOrder(orders), new Set([1]), "taken again, same key, shipped once");
  const attempts = await db.outboxEvent.findMany({ where: { ownerId: owner, topic: ORDER_PLACED }, select: { attempts: true } });
  assert.ok(
    attempts.every((e) => e.attempts === 2),
    "each counts the attempt that died with the process",
  );
});
