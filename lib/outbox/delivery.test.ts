// The outbox end to end: orders saved through the real save, a sandbox provider in its own process
// reached over real HTTP, and dispatchers with millisecond timings.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { killSwitch, setSwitch } from "./kill-switch.ts";
import { keepAliveSend, type HttpSend } from "../fulfilment/provider-http.ts";
import { newId } from "../ids.ts";
import { orderSaveOptions } from "../orders/save-order.ts";
import { saveWithin } from "../save-once/save-once.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { allConfirmed, NO_FAULTS, placeOrders, runUntil, startTestSandbox, statusCounts, testDispatcher } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { requeueFailed } from "./store.ts";

const testDb = openTestPrisma();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

async function shipmentsPerOrder(orderIds: string[]): Promise<number[]> {
  return Promise.all(orderIds.map(async (id) => (await sandbox.shipments(id)).count));
}

test("an order and its event commit together: a rollback after the event's insert leaves neither", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const [existing] = await placeOrders(db, owner, 1);
  const { customerId } = await db.order.findUniqueOrThrow({ where: { id: existing } });
  const id = newId();
  await assert.rejects(
    db.$transaction(async (tx) => {
      const outcome = await saveWithin(tx, orderSaveOptions(owner, { id, customerId, description: "Rolled back", amount: 999, currency: "EUR" }));
      assert.equal(outcome.status, "created");
      assert.equal(await tx.outboxEvent.count({ where: { aggregateId: id } }), 1, "the event is written inside the order's transaction");
      throw new Error("forced rollback");
    }),
    /forced rollback/,
  );
  assert.equal(await db.order.count({ where: { id } }), 0);
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: id } }), 0);
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: existing, topic: "order.placed" } }), 1, "the committed order has exactly one event");
});

test("200 orders through a provider that fails, hangs and loses answers: each confirmed, one shipment each, none failed", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  await sandbox.faults({ ...NO_FAULTS, failureRate: 0.3, timeoutRate: 0.1, lostAckRate: 0.1, seed: 1414 });
  const orders = await placeOrders(db, owner, 200);
  const dispatcher = testDispatcher(db, sandbox, { maxAttempts: 30 });
  try {
    await runUntil([dispatcher], () => allConfirmed(db, owner, 200), 90_000);
  } finally {
    await sandbox.faults(NO_FAULTS);
  }
  assert.deepEqual(await statusCounts(db, owner), { confirmed: 200 });
  assert.deepEqual(new Set(await shipmentsPerOrder(orders)), new Set([1]), "exactly one shipment per order");
  const confirmed = await db.order.count({ where: { ownerId: owner, shipmentId: { not: null } } });
  assert.equal(confirmed, 200, "every order knows its shipment");
  const retried = await db.outboxLog.count({ where: { kind: "retrying", event: { ownerId: owner } } });
  assert.ok(retried > 20, `the faults really happened (${retried} retries)`);
  const stats = await sandbox.stats();
  assert.equal(stats.concurrentSameKey, 0, "no event was in flight twice at once");
});

test("switch off: orders wait and the provider receives nothing; on: each arrives once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const other = await seedOwner(db);
  await setSwitch(db, { scope: owner, enabled: false, changedBy: "test" });
  const orders = await placeOrders(db, owner, 5);
  const othersOrders = await placeOrders(db, other, 2);
  const dispatcher = testDispatcher(db, sandbox);
  const before = (await sandbox.stats()).requests.shipments;
  // Another user's switch is theirs: their orders go.
  await runUntil([dispatcher], () => allConfirmed(db, other, 2));
  for (let i = 0; i < 5; i++) await dispatcher.tick();
  assert.equal((await sandbox.stats()).requests.shipments - before, 2, "only the other user's two orders reached the provider");
  assert.deepEqual(await statusCounts(db, owner), { pending: 5 });
  assert.deepEqual(await shipmentsPerOrder(orders), [0, 0, 0, 0, 0]);

  await setSwitch(db, { scope: owner, enabled: true, changedBy: "test" });
  await runUntil([dispatcher], () => allConfirmed(db, owner, 5));
  assert.deepEqual(await shipmentsPerOrder([...orders, ...othersOrders]), [1, 1, 1, 1, 1, 1, 1]);
  const flips = await db.featureFlagChange.findMany({ where: { scope: owner }, orderBy: { id: "asc" }, select: { enabled: true, changedBy: true } });
  assert.deepEqual(flips, [
    { enabled: false, changedBy: "test" },
    { enabled: true, changedBy: "test" },
  ]);
});

test("the operator's global switch stops every workspace", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  await setSwitch(db, { scope: "global", enabled: false, changedBy: "operator (command line)" });
  try {
    assert.equal(await killSwitch(db).deliveryEnabled(owner), false);
    await placeOrders(db, owner, 1);
    const dispatcher = testDispatcher(db, sandbox);
    assert.equal(await dispatcher.tick(), 0);
    assert.deepEqual(await statusCounts(db, owner), { pending: 1 });
  } finally {
    await setSwitch(db, { scope: "global", enabled: true, changedBy: "operator (command line)" });
  }
});

test("an incompatible provider: a few events fail, the breaker stops the rest; fixed, a batch retry delivers each once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orders = await placeOrders(db, owner, 20);
  await sandbox.faults({ ...NO_FAULTS, incompatible: true });
  const dispatcher = testDispatcher(db, sandbox, { breakerFailures: 3, breakerCooldownMs: 60_000, batchSize: 1 });
  const before = (await sandbox.stats()).requests;
  for (let i = 0; i < 10; i++) await dispatcher.tick();
  const after = (await sandbox.stats()).requests;
  // The first call also asked for a token (refused with 400 like everything else).
  assert.equal(after.shipments + after.token - before.shipments - before.token, 3, "three refused calls, then nothing");
  assert.equal(dispatcher.breakerState(), "open");
  const counts = await statusCounts(db, owner);
  assert.ok(counts.failed >= 1 && counts.failed <= 3, `a 400 is not retried: ${JSON.stringify(counts)}`);
  assert.equal(counts.pending, 20 - counts.failed, "the others wait");

  await sandbox.faults({ incompatible: false });
  const healthy = testDispatcher(db, sandbox);
  await runUntil([healthy], () => allConfirmed(db, owner, 20 - counts.failed));
  assert.deepEqual(await statusCounts(db, owner), { confirmed: 20 - counts.failed, failed: counts.failed });
  assert.equal(await requeueFailed(db, { ownerId: owner, ids: null, by: "test" }), counts.failed);
  await runUntil([healthy], () => allConfirmed(db, owner, 20));
  assert.deepEqual(new Set(await shipmentsPerOrder(orders)), new Set([1]));
});

test("a rejected access token is renewed once and the call retried", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const [order] = await placeOrders(db, owner, 1);
  let spoiled = false;
  // The first bearer token the app sends is corrupted on the way, as a revoked token would be refused.
  const send = keepAliveSend();
  const spoilFirstToken: HttpSend = (url, request) => {
    if (spoiled || !request.headers.Authorization?.startsWith("Bearer ")) return send(url, request);
    spoiled = true;
    return send(url, { ...request, headers: { ...request.headers, Authorization: "Bearer 1.spoiled" } });
  };
  const before = (await sandbox.stats()).requests.token;
  const dispatcher = testDispatcher(db, sandbox, {}, { send: spoilFirstToken });
  assert.equal(await dispatcher.tick(), 1);
  assert.equal((await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: order } })).status, "acknowledged", "delivered on the first attempt");
  assert.equal((await sandbox.stats()).requests.token - before, 2, "a second token after the 401");
});

test("an operation that failed at the provider is sent again with the same key, and shipped once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orders = await placeOrders(db, owner, 10);
  await sandbox.faults({ ...NO_FAULTS, operationFailureRate: 0.5, seed: 99 });
  const dispatcher = testDispatcher(db, sandbox, { maxAttempts: 30 });
  try {
    await runUntil([dispatcher], () => allConfirmed(db, owner, 10));
  } finally {
    await sandbox.faults(NO_FAULTS);
  }
  assert.deepEqual(await shipmentsPerOrder(orders), Array(10).fill(1));
  const resent = await db.outboxLog.count({ where: { kind: "retrying", detail: { startsWith: "the provider could not ship it" }, event: { ownerId: owner } } });
  assert.ok(resent > 0, "some operations failed and were sent again");
});

test("stopping mid-round on a provider that hangs gives the claims back at once, and another dispatcher delivers each once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orderIds = await placeOrders(db, owner, 3);
  await sandbox.faults({ ...NO_FAULTS, timeoutRate: 1, seed: 5 });
  const stopping = testDispatcher(db, sandbox, { requestTimeoutMs: 60_000, leaseMs: 60_000 });
  try {
    stopping.start();
    const deadline = Date.now() + 10_000;
    while ((await db.outboxEvent.count({ where: { ownerId: owner, leaseUntil: { gt: new Date() } } })) < 3) {
      assert.ok(Date.now() < deadline, "the dispatcher claimed the events");
      await new Promise((r) => setTimeout(r, 20));
    }
    const started = Date.now();
    await stopping.stop(200);
    assert.ok(Date.now() - started < 2_000, `stop() returned after its grace period, not the provider's timeout (${Date.now() - started} ms)`);
    assert.equal(await db.outboxEvent.count({ where: { ownerId: owner, leaseUntil: { not: null } } }), 0, "no claim left holding an event");
  } finally {
    await sandbox.faults(NO_FAULTS);
  }
  const other = testDispatcher(db, sandbox);
  await runUntil([other], () => allConfirmed(db, owner, 3));
  // The hung calls may have reached the provider; the same key made them one shipment each.
  assert.deepEqual(await shipmentsPerOrder(orderIds), [1, 1, 1]);
});
