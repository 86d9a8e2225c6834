// The inbox on a real database: one message applied once however many copies arrive at once,
// statuses that only move forward, refusals that change nothing, and retention.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ackEventId, OPERATION_ACK } from "../fulfilment/operation-ack.ts";
import { newId } from "../ids.ts";
import { placeOrders } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { newSecret, sign } from "../webhooks/signature.ts";
import type { ProviderCallback } from "../fulfilment/provider-callback.ts";
import { refusalThrottle } from "./refusal-throttle.ts";
import { handleProviderWebhook, receiveProviderCallback } from "../fulfilment/provider-webhook.ts";
import { deleteExpiredInbox } from "./receive.ts";

const testDb = openTestPrisma();
const RECONCILE = { reconcileAfterMs: 60_000 };

/** An order whose event the provider acknowledged with operation `operationId`. */
async function acknowledgedOrder(ownerId: string) {
  const db = testDb.prisma;
  const [orderId] = await placeOrders(db, ownerId, 1);
  const operationId = newId();
  const event = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderId } });
  await db.outboxEvent.update({ where: { id: event.id }, data: { status: "acknowledged", operationId, attempts: 1 } });
  return { orderId, eventId: event.id, operationId };
}

function callback(
  type: ProviderCallback["type"],
  o: { eventId: string; operationId: string; orderId: string },
  extra: Partial<ProviderCallback["data"]> = {},
): ProviderCallback {
  return {
    type,
    timestamp: new Date().toISOString(),
    data: {
      operationId: o.operationId,
      idempotencyKey: o.eventId,
      orderId: o.orderId,
      shipmentId: type === "operation.succeeded" ? newId() : null,
      reason: type === "operation.failed" ? "out of stock" : null,
      ...extra,
    },
  };
}

const logKinds = async (eventId: string) =>
  (await testDb.prisma.outboxLog.findMany({ where: { eventId }, orderBy: { id: "asc" }, select: { kind: true } })).map((l) => l.kind);

test("50 copies of one callback at once: applied once, 49 repeats, one confirmation, one acknowledgment queued", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const order = await acknowledgedOrder(owner);
  const message = callback("operation.succeeded", order);
  const messageId = `msg_${newId()}`;
  const receipts = await Promise.all(Array.from({ length: 50 }, () => receiveProviderCallback(db, messageId, message, RECONCILE)));
  assert.equal(receipts.filter((r) => r === "applied").length, 1);
  assert.equal(receipts.filter((r) => r === "repeat").length, 49);
  const row = await db.inboxMessage.findUniqueOrThrow({ where: { source_messageId: { source: "provider", messageId } } });
  assert.equal(row.repeats, 49, "every repeat is counted");
  assert.equal(row.outcome, "applied");
  assert.equal(row.ownerId, owner);
  assert.deepEqual(await logKinds(order.eventId), ["provider", "confirmed"], "the provider's news once, and one confirmation, in the timeline");
  const event = await db.outboxEvent.findUniqueOrThrow({ where: { id: order.eventId } });
  assert.equal(event.status, "confirmed");
  assert.equal(event.shipmentId, message.data.shipmentId);
  assert.equal((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).shipmentId, message.data.shipmentId);
  assert.equal(await db.outboxEvent.count({ where: { topic: OPERATION_ACK, aggregateId: order.orderId } }), 1);
  assert.ok(await db.outboxEvent.findUnique({ where: { id: ackEventId(order.operationId) } }));
});

test("statuses only move forward: a late 'processing' or an older operation's 'failed' after success change nothing", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const order = await acknowledgedOrder(owner);
  const succeeded = callback("operation.succeeded", order);
  assert.equal(await receiveProviderCallback(db, `msg_${newId()}`, succeeded, RECONCILE), "applied");
  assert.equal(await receiveProviderCallback(db, `msg_${newId()}`, callback("operation.processing", order), RECONCILE), "outdated");
  assert.equal(await receiveProviderCallback(db, `msg_${newId()}`, callback("operation.failed", order), RECONCILE), "outdated");
  const event = await db.outboxEvent.findUniqueOrThrow({ where: { id: order.eventId } });
  assert.equal(event.status, "confirmed");
  assert.equal(event.shipmentId, succeeded.data.shipmentId);
  assert.deepEqual(
    await logKinds(order.eventId),
    ["provider", "confirmed", "provider", "provider"],
    "each message shown once; only the first changed anything",
  );
  const details = await db.outboxLog.findMany({ where: { eventId: order.eventId, kind: "provider" }, orderBy: { id: "asc" }, select: { detail: true } });
  assert.deepEqual(
    details.map((d) => /out of date/.test(d.detail ?? "")),
    [false, true, true],
  );
});

test("'processing' moves a pending event forward; the current operation's 'failed' sends it again; a stale one does not", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const [orderId] = await placeOrders(db, owner, 1);
  const event = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderId } });
  const first = { orderId, eventId: event.id, operationId: newId() };
  // Our answer from the provider was lost; its own news says it has the shipment request.
  assert.equal(await receiveProviderCallback(db, `msg_${newId()}`, callback("operation.processing", first), RECONCILE), "applied");
  let now = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
  assert.equal(now.status, "acknowledged");
  assert.equal(now.operationId, first.operationId);

  assert.equal(
    await receiveProviderCallback(db, `msg_${newId()}`, callback("operation.failed", { ...first, operationId: newId() }), RECONCILE),
    "outdated",
    "not the operation we wait on",
  );
  assert.equal(await receiveProviderCallback(db, `msg_${newId()}`, callback("operation.failed", first), RECONCILE), "applied");
  now = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
  assert.equal(now.status, "pending", "to be sent again with the same key");
  assert.match(now.lastError ?? "", /out of stock/);
  assert.deepEqual(await logKinds(event.id), ["provider", "acknowledged", "provider", "provider", "retrying"]);
  assert.equal(await db.outboxEvent.count({ where: { id: ackEventId(first.operationId) } }), 1, "the failed operation is acknowledged too");
});

test("a callback about nothing of ours is recorded as unmatched and changes nothing", async () => {
  const db = testDb.prisma;
  const messageId = `msg_${newId()}`;
  const stray = callback("operation.succeeded", { eventId: newId(), operationId: newId(), orderId: newId() });
  assert.equal(await receiveProviderCallback(db, messageId, stray, RECONCILE), "unmatched");
  assert.equal(await receiveProviderCallback(db, messageId, stray, RECONCILE), "repeat");
  assert.equal(await db.outboxEvent.count({ where: { id: ackEventId(stray.data.operationId) } }), 0);
});

/** An order waiting on the provider, and the signed-callback material that would confirm it. */
async function aSucceededCallback() {
  const db = testDb.prisma;
  const order = await acknowledgedOrder(await seedOwner(db));
  const body = JSON.stringify(callback("operation.succeeded", order));
  return { db, order, secret: newSecret(), body, now: Math.floor(Date.now() / 1000) };
}

test("forged, stale, tampered, unsigned, oversized or malformed: refused, counted, nothing changed", async () => {
  const { db, order, secret, body, now } = await aSucceededCallback();
  const request = (headers: Record<string, string>, raw: string | null = body) => ({
    headers: new Headers(headers),
    body: raw === null ? null : Buffer.from(raw),
  });
  const answer = (r: ReturnType<typeof request>) => handleProviderWebhook(db, r, { secrets: [secret], ...RECONCILE });
  const refusals = async () => (await db.inboxRejection.aggregate({ _sum: { count: true } }))._sum.count ?? 0;
  const rowsBefore = await db.inboxRejection.count();
  const rejectionsBefore = await refusals();

  const forged = await answer(request({ ...sign([newSecret()], "msg_forged", now, body) }));
  assert.deepEqual([forged.status, forged.body], [401, { error: "invalid signature" }]);
  const stale = await answer(request({ ...sign([secret], "msg_stale", now - 3 * 60 * 60, body) }));
  assert.deepEqual([stale.status, stale.body], [401, { error: "stale timestamp" }]);
  const tampered = await answer(request({ ...sign([secret], "msg_tampered", now, body) }, body.replace("operation.succeeded", "operation.failed")));
  assert.deepEqual([tampered.status, tampered.body], [401, { error: "invalid signature" }]);
  const unsigned = await answer(request({}));
  assert.equal(unsigned.status, 401);
  assert.equal((await answer(request({ ...sign([secret], "msg_big", now, body) }, null))).status, 413);
  const garbage = "not json";
  assert.deepEqual((await answer(request({ ...sign([secret], "msg_garbage", now, garbage) }, garbage))).body, { error: "malformed" });
  const unconfigured = await handleProviderWebhook(db, request({ ...sign([secret], "msg_x", now, body) }), { secrets: [], ...RECONCILE });
  assert.equal(unconfigured.status, 503);

  assert.equal((await refusals()) - rejectionsBefore, 6);
  assert.ok((await db.inboxRejection.count()) - rowsBefore <= 4, "counted per reason and minute, not a row each");
  for (let i = 0; i < 50; i++) await answer(request({ ...sign([newSecret()], `msg_flood_${i}`, now, body) }));
  assert.equal((await refusals()) - rejectionsBefore, 56);
  assert.ok((await db.inboxRejection.count()) - rowsBefore <= 5, "50 more forgeries add at most one row");
  assert.equal(
    await db.inboxMessage.count({ where: { messageId: { in: ["msg_forged", "msg_stale", "msg_tampered", "msg_big", "msg_garbage", "msg_x"] } } }),
    0,
  );
  assert.equal((await db.outboxEvent.findUniqueOrThrow({ where: { id: order.eventId } })).status, "acknowledged", "nothing changed");

  const good = await answer(request({ ...sign([secret], "msg_good", now, body) }));
  assert.deepEqual([good.status, good.body], [200, { received: true, repeat: false }]);
  const again = await answer(request({ ...sign([secret], "msg_good", now + 5, body) }));
  assert.deepEqual([again.status, again.body], [200, { received: true, repeat: true }], "a re-send (new timestamp, same ID) is a repeat, answered 200");
  assert.equal((await db.outboxEvent.findUniqueOrThrow({ where: { id: order.eventId } })).status, "confirmed");
});

test("retention: old inbox rows and refusals are deleted in batches, recent ones kept", async () => {
  const db = testDb.prisma;
  const old = new Date(Date.now() - 8 * 24 * 60 * 60_000);
  const tag = newId().slice(-8);
  await db.inboxMessage.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      source: "provider",
      messageId: `old_${tag}_${i}`,
      type: "operation.succeeded",
      outcome: "applied",
      receivedAt: old,
    })),
  });
  await db.inboxMessage.create({ data: { source: "provider", messageId: `new_${tag}`, type: "operation.succeeded", outcome: "applied" } });
  await db.inboxRejection.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({ source: "provider", reason: "invalid signature", minute: new Date(old.getTime() - i * 60_000), count: 3 })),
  });
  const deleted = await deleteExpiredInbox(db, { retentionMs: 7 * 24 * 60 * 60_000, batchSize: 10 });
  assert.ok(deleted >= 32, `deleted ${deleted}`);
  assert.equal(await db.inboxMessage.count({ where: { messageId: { startsWith: `old_${tag}` } } }), 0);
  assert.equal(await db.inboxMessage.count({ where: { messageId: `new_${tag}` } }), 1);
  assert.equal(await db.inboxRejection.count({ where: { minute: { lte: old } } }), 0);
});

test("an address past its refusals is answered 429 before anything is verified or counted; valid callbacks never count", async () => {
  const { db, secret, body, now } = await aSucceededCallback();
  const throttle = refusalThrottle(5);
  const from = (address: string, headers: object) =>
    handleProviderWebhook(
      db,
      { headers: new Headers(headers as Record<string, string>), body: Buffer.from(body) },
      { secrets: [secret], ...RECONCILE, sender: { address, throttle } },
    );
  const refusals = async () => (await db.inboxRejection.aggregate({ _sum: { count: true } }))._sum.count ?? 0;

  for (let i = 0; i < 3; i++)
    assert.equal((await from("198.51.100.1", sign([secret], `msg_ok_${i}`, now, body))).status, 200, "valid callbacks use up nothing");
  const before = await refusals();
  const statuses = [];
  for (let i = 0; i < 8; i++) statuses.push((await from("203.0.113.66", sign([newSecret()], `msg_bad_${i}`, now, body))).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
  assert.equal((await refusals()) - before, 5, "the throttled ones were not even counted");
  const throttled = await from("203.0.113.66", sign([secret], "msg_after", now, body));
  assert.equal(throttled.status, 429);
  assert.match(throttled.headers?.["Retry-After"] ?? "", /^\d+$/);
  assert.equal((await from("198.51.100.1", sign([secret], "msg_ok_more", now, body))).status, 200, "another address is unaffected");
});
