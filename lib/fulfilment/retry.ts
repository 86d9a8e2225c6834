// People retrying failed deliveries: one order's, a selection, or all of a user's. Always the
// user's own, always the same events (same keys), so a retry never makes a second shipment.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { requeueFailed } from "@/lib/outbox/store.ts";
import { SHIPS_AN_ORDER } from "./order-placed.ts";

export async function retryOrderDelivery(db: PrismaClient, user: { id: string; email: string }, orderId: string): Promise<number> {
  const events = await db.outboxEvent.findMany({
    where: { ownerId: user.id, aggregateId: orderId, topic: SHIPS_AN_ORDER, status: "failed" },
    select: { id: true },
  });
  return requeueFailed(db, { ownerId: user.id, ids: events.map((e) => e.id), by: user.email });
}

export function retryFailedDeliveries(db: PrismaClient, user: { id: string; email: string }, ids: string[] | null): Promise<number> {
  return requeueFailed(db, { ownerId: user.id, ids, by: user.email });
}
