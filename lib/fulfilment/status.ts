// Where an order's delivery to the fulfilment provider stands, for its page, the API and the
// timeline: derived from its "order.placed" event (or the Lab's variant of it), the event's log and the kill switch.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { KillSwitch } from "@/lib/outbox/kill-switch.ts";
import { SHIPS_AN_ORDER } from "./order-placed.ts";

export const FULFILMENT_STATUSES = ["queued", "sent", "acknowledged", "confirmed", "retrying", "failed", "paused"] as const;
type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export interface Fulfilment {
  status: FulfilmentStatus;
  attempts: number;
  operationId: string | null;
  shipmentId: string | null;
  lastError: string | null;
  /** The next try (retrying) or the next check with the provider (acknowledged). */
  nextAttemptAt: string | null;
}

export interface FulfilmentStep {
  kind: "queued" | "acknowledged" | "retrying" | "failed" | "confirmed" | "requeued" | "provider";
  at: string;
  attempt: number;
  detail: string | null;
}

/** The order's delivery and its steps, or null for an order that has no event (placed before the outbox). */
export async function orderFulfilment(
  db: PrismaClient,
  killSwitch: KillSwitch,
  ownerId: string,
  orderId: string,
  now = new Date(),
): Promise<(Fulfilment & { eventId: string | null; steps: FulfilmentStep[] }) | null> {
  const event = await db.outboxEvent.findFirst({
    where: { ownerId, aggregateId: orderId, topic: SHIPS_AN_ORDER },
    select: {
      id: true,
      status: true,
      attempts: true,
      operationId: true,
      shipmentId: true,
      lastError: true,
      nextAttemptAt: true,
      leaseUntil: true,
      createdAt: true,
      log: { orderBy: { id: "asc" }, take: 100, select: { kind: true, at: true, attempt: true, detail: true } },
    },
  });
  if (!event) {
    // Its event was deleted after the retention period: the order kept the shipment.
    const order = await db.order.findFirst({ where: { id: orderId, ownerId, shipmentId: { not: null } }, select: { shipmentId: true } });
    if (!order) return null;
    return {
      eventId: null,
      status: "confirmed",
      attempts: 0,
      operationId: null,
      shipmentId: order.shipmentId,
      lastError: null,
      nextAttemptAt: null,
      steps: [],
    };
  }
  const status = await statusOf(event, killSwitch, ownerId, now);
  return {
    eventId: event.id,
    status,
    attempts: event.attempts,
    operationId: event.operationId,
    shipmentId: event.shipmentId,
    lastError: event.lastError,
    nextAttemptAt: status === "retrying" || status === "acknowledged" ? event.nextAttemptAt.toISOString() : null,
    steps: [
      { kind: "queued", at: event.createdAt.toISOString(), attempt: 0, detail: null },
      ...event.log.map((l) => ({ kind: l.kind as FulfilmentStep["kind"], at: l.at.toISOString(), attempt: l.attempt, detail: l.detail })),
    ],
  };
}

async function statusOf(
  e: { status: string; attempts: number; leaseUntil: Date | null },
  killSwitch: KillSwitch,
  ownerId: string,
  now: Date,
): Promise<FulfilmentStatus> {
  if (e.status === "confirmed" || e.status === "failed" || e.status === "acknowledged") return e.status;
  if (e.leaseUntil && e.leaseUntil > now) return "sent";
  if (!(await killSwitch.deliveryEnabled(ownerId))) return "paused";
  return e.attempts > 0 ? "retrying" : "queued";
}

/** The API's `fulfilment` object (no steps). */
export const fulfilmentResource = (f: Fulfilment): Fulfilment => ({
  status: f.status,
  attempts: f.attempts,
  operationId: f.operationId,
  shipmentId: f.shipmentId,
  lastError: f.lastError,
  nextAttemptAt: f.nextAttemptAt,
});
