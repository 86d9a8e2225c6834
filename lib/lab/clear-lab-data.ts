// "Clear Lab data": the user's Lab records go, and nothing real with them. Lab orders are the orders
// of the user's Lab customer (Customer.lab); their deliveries and the provider's messages about them
// go too, so no count or list keeps a trace. A delivery in flight is safe to remove: a dispatcher
// writes its outcome only to the row it claimed, and a late callback finds no event ("unmatched").
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { deleteEventsAbout } from "@/lib/outbox/store.ts";

export interface LabData {
  orders: number;
  tickets: number;
}

/** What "Clear Lab data" would remove. */
export async function countLabData(db: PrismaClient, ownerId: string): Promise<LabData> {
  const [orders, tickets] = await Promise.all([db.order.count({ where: { ownerId, customer: { lab: true } } }), db.ticket.count({ where: { ownerId } })]);
  return { orders, tickets };
}

export async function clearLabData(db: PrismaClient, ownerId: string): Promise<LabData> {
  return db.$transaction(async (tx) => {
    const labOrders = (await tx.order.findMany({ where: { ownerId, customer: { lab: true } }, select: { id: true } })).map((o) => o.id);
    await deleteEventsAbout(tx, ownerId, labOrders);
    await tx.inboxMessage.deleteMany({ where: { ownerId, aggregateId: { in: labOrders } } });
    const orders = await tx.order.deleteMany({ where: { ownerId, id: { in: labOrders } } });
    const tickets = await tx.ticket.deleteMany({ where: { ownerId } });
    await tx.labLogEntry.deleteMany({ where: { userId: ownerId } });
    return { orders: orders.count, tickets: tickets.count };
  });
}
