import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";
import { PAGE_SIZE } from "@/lib/customers/queries.ts";

const ORDER_FIELDS = {
  id: true,
  description: true,
  amountMinor: true,
  currency: true,
  createdAt: true,
  customer: { select: { id: true, name: true, lab: true } },
} as const;

/** A page of the owner's orders, newest first: the real ones, or with `lab`, only the Lab's. */
export async function listOrders(db: PrismaClient, ownerId: string, page: number, { lab = false } = {}) {
  const where = { ownerId, customer: { lab } };
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: ORDER_FIELDS,
    }),
    db.order.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function getOrder(db: PrismaClient, ownerId: string, id: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.order.findFirst({
    where: { id, ownerId },
    select: {
      ...ORDER_FIELDS,
      decisions: {
        orderBy: { decidedAt: "asc" },
        select: { decidedAt: true, decidedBy: { select: { email: true } }, match: { select: { id: true, description: true } } },
      },
    },
  });
}
