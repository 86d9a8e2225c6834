// What a provider callback does to the order's delivery. Statuses only move forward: pending, then
// acknowledged, then confirmed. A late "processing" never undoes "succeeded", and a "failed" counts
// only for the operation we are still waiting on (an older one's failure is history). Each message
// also adds one "provider" step to the order's timeline, so what the provider said is visible, and
// a message applied twice would show twice (the inbox is what prevents that).
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { eventIdOfKey } from "@/lib/fulfilment/lab-options.ts";
import { enqueueAck } from "@/lib/fulfilment/operation-ack.ts";
import { isUuid } from "@/lib/ids.ts";
import { ORDER_PLACED } from "@/lib/fulfilment/order-placed.ts";
import type { ProviderCallback } from "./provider-callback.ts";

export type Effect = { outcome: "applied" | "outdated"; ownerId: string; aggregateId: string } | { outcome: "unmatched" };

export async function applyProviderResult(tx: Prisma.TransactionClient, callback: ProviderCallback, o: { reconcileAfterMs: number }): Promise<Effect> {
  const { operationId, shipmentId } = callback.data;
  const eventId = eventIdOfKey(callback.data.idempotencyKey);
  if (!isUuid(eventId)) return { outcome: "unmatched" };
  // Locked: a dispatcher writing its own outcome for this event waits, then finds its claim gone.
  const [event] = await tx.$queryRaw<{ id: string; ownerId: string; aggregateId: string; status: string; operationId: string | null; attempts: number }[]>`
    SELECT id, "ownerId", "aggregateId", status, "operationId", attempts FROM "OutboxEvent"
     WHERE id = ${eventId}::uuid AND topic = ${ORDER_PLACED} FOR UPDATE`;
  if (!event) return { outcome: "unmatched" };
  const { ownerId, aggregateId } = event;

  const applies =
    (callback.type === "operation.succeeded" && event.status !== "confirmed" && Boolean(shipmentId)) ||
    (callback.type === "operation.failed" && event.status === "acknowledged" && event.operationId === operationId) ||
    (callback.type === "operation.processing" && event.status === "pending");
  // The provider's news itself, once per message and before what it caused: the timeline shows
  // every event the provider reported.
  await tx.$executeRaw`
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail)
    VALUES (${event.id}::uuid, 'provider', ${event.attempts}, ${reported(callback) + (applies ? "" : " (out of date: nothing changed)")})`;

  if (applies) await moveForward(tx, event, callback, o);
  // A result, applied now or before: the provider may stop re-sending it.
  if (callback.type !== "operation.processing") await enqueueAck(tx, { ownerId, aggregateId, operationId });
  return { outcome: applies ? "applied" : "outdated", ownerId, aggregateId };
}

/** The status change a callback brings, once it is known to be a step forward. */
async function moveForward(tx: Prisma.TransactionClient, event: { id: string }, callback: ProviderCallback, o: { reconcileAfterMs: number }) {
  const { operationId, shipmentId, reason } = callback.data;
  if (callback.type === "operation.succeeded") {
    await tx.$executeRaw`
      WITH u AS (
        UPDATE "OutboxEvent" SET status = 'confirmed', "operationId" = ${operationId}, "shipmentId" = ${shipmentId}, "confirmedAt" = now(),
               "acknowledgedAt" = COALESCE("acknowledgedAt", now()), "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
         WHERE id = ${event.id}::uuid RETURNING id, attempts, "aggregateId"),
      o AS (UPDATE "Order" SET "shipmentId" = ${shipmentId} WHERE id IN (SELECT "aggregateId" FROM u))
      INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'confirmed', attempts, ${`shipment ${shipmentId} (the provider's callback)`} FROM u`;
  } else if (callback.type === "operation.failed") {
    // Sent again with the same key: the provider starts a new operation for a key whose last one failed.
    const detail = `the provider could not ship it: ${reason ?? "no reason given"}`;
    await tx.$executeRaw`
      WITH u AS (
        UPDATE "OutboxEvent" SET status = 'pending', "lastError" = ${detail}, "nextAttemptAt" = now(), "leaseUntil" = NULL, "leasedBy" = NULL
         WHERE id = ${event.id}::uuid RETURNING id, attempts)
      INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'retrying', attempts, ${detail} FROM u`;
  } else {
    // The provider took it, though its answer to us was lost or is still on the way.
    await tx.$executeRaw`
      WITH u AS (
        UPDATE "OutboxEvent" SET status = 'acknowledged', "operationId" = ${operationId}, "acknowledgedAt" = now(),
               "nextAttemptAt" = now() + ${o.reconcileAfterMs} * interval '1 millisecond', "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
         WHERE id = ${event.id}::uuid RETURNING id, attempts)
      INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'acknowledged', attempts, ${`operation ${operationId} (the provider's callback)`} FROM u`;
  }
}

function reported(callback: ProviderCallback): string {
  const { operationId, shipmentId, reason } = callback.data;
  if (callback.type === "operation.succeeded") return `shipped: shipment ${shipmentId}`;
  if (callback.type === "operation.failed") return `could not ship: ${reason ?? "no reason given"}`;
  return `processing (operation ${operationId})`;
}
