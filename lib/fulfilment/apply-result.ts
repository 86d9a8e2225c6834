// What a provider callback does to the order's delivery. Statuses only move forward: pending, then
// acknowledged, then confirmed. A late "processing" never undoes "succeeded", and a "failed" counts
// only for the operation we are still waiting on (an older one's failure is history). Each message
// also adds one "provider" step to the order's timeline, so what the provider said is visible, and
// a message applied twice would show twice (the inbox is what prevents that). The changes are the
// outbox store's transitions, written under the event's row lock instead of a claim.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";
import type { Effect } from "@/lib/inbox/receive.ts";
import * as store from "@/lib/outbox/store.ts";
import { enqueueAck } from "./operation-ack.ts";
import { shipsAnOrder } from "./order-placed.ts";
import { eventIdOfKey } from "./shipment-key.ts";
import type { ProviderCallback } from "./provider-callback.ts";

const FROM_CALLBACK = " (the provider's callback)";

export async function applyProviderResult(tx: Prisma.TransactionClient, callback: ProviderCallback, o: { reconcileAfterMs: number }): Promise<Effect> {
  const { operationId, shipmentId } = callback.data;
  const eventId = eventIdOfKey(callback.data.idempotencyKey);
  if (!isUuid(eventId)) return { outcome: "unmatched" };
  const event = await store.lockEvent(tx, eventId);
  if (!event || !shipsAnOrder(event.topic)) return { outcome: "unmatched" };
  const { ownerId, aggregateId } = event;

  const applies =
    (callback.type === "operation.succeeded" && event.status !== "confirmed" && Boolean(shipmentId)) ||
    (callback.type === "operation.failed" && event.status === "acknowledged" && event.operationId === operationId) ||
    (callback.type === "operation.processing" && event.status === "pending");
  // The provider's news itself, once per message and before what it caused: the timeline shows
  // every event the provider reported.
  await store.logReport(tx, event, reported(callback) + (applies ? "" : " (out of date: nothing changed)"));

  if (applies) await moveForward(tx, event, callback, o);
  // A result, applied now or before: the provider may stop re-sending it.
  if (callback.type !== "operation.processing") await enqueueAck(tx, { ownerId, aggregateId, operationId });
  return { outcome: applies ? "applied" : "outdated", ownerId, aggregateId };
}

/** The status change a callback brings, once it is known to be a step forward. */
async function moveForward(tx: Prisma.TransactionClient, event: { id: string }, callback: ProviderCallback, o: { reconcileAfterMs: number }) {
  const { operationId, shipmentId, reason } = callback.data;
  const locked = { id: event.id, claim: null };
  if (callback.type === "operation.succeeded") await store.markConfirmed(tx, locked, { shipmentId: shipmentId!, operationId, source: FROM_CALLBACK });
  // Sent again with the same key: the provider starts a new operation for a key whose last one failed.
  else if (callback.type === "operation.failed") await store.markRetrying(tx, locked, `the provider could not ship it: ${reason ?? "no reason given"}`, 0);
  // The provider took it, though its answer to us was lost or is still on the way.
  else await store.markAcknowledged(tx, null, [{ id: event.id, operationId }], o.reconcileAfterMs, FROM_CALLBACK);
}

function reported(callback: ProviderCallback): string {
  const { operationId, shipmentId, reason } = callback.data;
  if (callback.type === "operation.succeeded") return `shipped: shipment ${shipmentId}`;
  if (callback.type === "operation.failed") return `could not ship: ${reason ?? "no reason given"}`;
  return `processing (operation ${operationId})`;
}
