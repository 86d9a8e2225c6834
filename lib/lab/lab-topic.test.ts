// The Lab's own topic: its switches change how its orders are sent and received, and nothing else's.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ProviderCallback } from "../fulfilment/provider-callback.ts";
import { receiveProviderCallback } from "../fulfilment/provider-webhook.ts";
import { eventIdOfKey } from "../fulfilment/shipment-key.ts";
import { newId } from "../ids.ts";
import { placeOrders } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { placeLabOrder } from "./integration.ts";
import { LAB_ORDER_PLACED, labShipmentRequest, labSkipsInbox, splitPayload } from "./lab-topic.ts";
import { LAB_DEFAULTS } from "./settings.ts";

const testDb = openTestPrisma();
const id = "0193a7a4-6c2b-7def-8abc-0123456789ab";
const RECEIVING = { reconcileAfterMs: 60_000, skipInbox: labSkipsInbox };

test("a Lab order with every protection on is sent like a real one: its body whole, under its event's ID on every attempt", () => {
  const payload = { orderId: "o1", amountMinor: 100 };
  assert.deepEqual(labShipmentRequest({ id, attempts: 1 }, payload), { key: id, body: payload });
  assert.deepEqual(labShipmentRequest({ id, attempts: 3 }, payload), { key: id, body: payload });
});

test("the Lab's options never reach the provider; with the key switched off each attempt has its own, which still names the event", () => {
  const payload = { orderId: "o1", sandbox: { loseFirstAnswer: true }, lab: { keyPerAttempt: true, inboxOff: true } };
  const first = labShipmentRequest({ id, attempts: 1 }, payload);
  const second = labShipmentRequest({ id, attempts: 2 }, payload);
  assert.deepEqual(first.body, { orderId: "o1", sandbox: { loseFirstAnswer: true } });
  assert.notEqual(first.key, second.key);
  assert.equal(eventIdOfKey(second.key), id, "a callback still finds its event");
});

test("unknown or malformed Lab options switch nothing off", () => {
  assert.deepEqual(splitPayload({ orderId: "o1", lab: { keyPerAttempt: "yes" } }).lab, {});
  assert.deepEqual(splitPayload({ orderId: "o1", lab: { somethingElse: true } }).lab, {});
});

function succeeded(eventId: string, orderId: string, key = eventId): ProviderCallback {
  return {
    type: "operation.succeeded",
    timestamp: new Date().toISOString(),
    data: { operationId: newId(), idempotencyKey: key, orderId, shipmentId: newId(), reason: null },
  };
}

test("Inbox off: a Lab order's callback is applied each time it comes; a real order's is applied once, whatever its payload says", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const lab = await placeLabOrder(db, owner, { id: newId(), description: "Lab order, inbox off" }, { ...LAB_DEFAULTS, inboxDedupe: false });
  const labEvent = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: lab.orderId }, select: { id: true, topic: true } });
  assert.equal(labEvent.topic, LAB_ORDER_PLACED);
  const labMessage = `msg_${newId()}`;
  const labCallback = succeeded(labEvent.id, lab.orderId, `${labEvent.id}.1`);
  assert.equal(await receiveProviderCallback(db, labMessage, labCallback, RECEIVING), "applied");
  assert.equal(await receiveProviderCallback(db, labMessage, labCallback, RECEIVING), "outdated", "applied again, not recognised as a repeat");
  assert.equal(await db.inboxMessage.count({ where: { messageId: labMessage } }), 0);

  // A real order's event carrying the Lab's option in its payload: nothing on the real path reads it.
  const [orderId] = await placeOrders(db, owner, 1);
  const real = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderId }, select: { id: true, payload: true } });
  await db.outboxEvent.update({ where: { id: real.id }, data: { payload: { ...(real.payload as object), lab: { inboxOff: true } } } });
  const realMessage = `msg_${newId()}`;
  assert.equal(await receiveProviderCallback(db, realMessage, succeeded(real.id, orderId), RECEIVING), "applied");
  assert.equal(await receiveProviderCallback(db, realMessage, succeeded(real.id, orderId), RECEIVING), "repeat");
});

test("Inbox on: a Lab order's callback is applied once", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const lab = await placeLabOrder(db, owner, { id: newId(), description: "Lab order, inbox on" }, LAB_DEFAULTS);
  const event = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: lab.orderId, topic: LAB_ORDER_PLACED }, select: { id: true } });
  const message = `msg_${newId()}`;
  assert.equal(await receiveProviderCallback(db, message, succeeded(event.id, lab.orderId), RECEIVING), "applied");
  assert.equal(await receiveProviderCallback(db, message, succeeded(event.id, lab.orderId), RECEIVING), "repeat");
  assert.notEqual(
    (await db.order.findUniqueOrThrow({ where: { id: lab.orderId }, select: { shipmentId: true } })).shipmentId,
    null,
    "the order knows its shipment",
  );
});
