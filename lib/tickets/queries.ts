import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";

/** The owner's tickets created within the last `withinMs`, newest first. */
export function recentTickets(db: PrismaClient, ownerId: string, withinMs: number, take = 20) {
  return db.ticket.findMany({
    where: { ownerId, createdAt: { gte: new Date(Date.now() - withinMs) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, title: true, createdAt: true },
  });
}

export function countRecentTickets(db: PrismaClient, ownerId: string, withinMs: number) {
  return db.ticket.count({ where: { ownerId, createdAt: { gte: new Date(Date.now() - withinMs) } } });
}

export function countTickets(db: PrismaClient, ownerId: string) {
  return db.ticket.count({ where: { ownerId } });
}

export function getTicket(db: PrismaClient, ownerId: string, id: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.ticket.findFirst({
    where: { id, ownerId },
    select: {
      id: true,
      title: true,
      details: true,
      createdAt: true,
      decisions: {
        orderBy: { decidedAt: "asc" },
        select: { decidedAt: true, decidedBy: { select: { email: true } }, match: { select: { id: true, title: true } } },
      },
    },
  });
}
