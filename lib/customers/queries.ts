import { normaliseName } from "@/lib/matching/normalise.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";

export const PAGE_SIZE = 20;

/**
 * A page of the owner's live customers, newest first (UUIDv7 IDs break ties in creation order);
 * with `search`, those whose name, email or company contains it.
 */
export async function listCustomers(db: PrismaClient, ownerId: string, page: number, search = "") {
  const q = search.trim().slice(0, 200);
  const name = normaliseName(q);
  const where = {
    ownerId,
    mergedIntoId: null,
    lab: false,
    ...(q && {
      OR: [
        ...(name ? [{ nameNormalized: { contains: name } }] : []),
        { email: { contains: q, mode: "insensitive" as const } },
        { company: { contains: q, mode: "insensitive" as const } },
      ],
    }),
  };
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, name: true, email: true, phone: true, company: true, createdAt: true },
    }),
    db.customer.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/**
 * One of the owner's customers, or null (also for another user's ID: a 404, never a 403). A merged
 * one comes with `mergedInto`, the survivor its page redirects to.
 */
export function getCustomer(db: PrismaClient, ownerId: string, id: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.customer.findFirst({
    where: { id, ownerId },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      company: true,
      street: true,
      postcode: true,
      city: true,
      country: true,
      createdAt: true,
      mergedAt: true,
      lab: true,
      mergedInto: { select: { id: true, name: true } },
      decisions: {
        orderBy: { decidedAt: "asc" },
        select: { decidedAt: true, decidedBy: { select: { email: true } }, match: { select: { id: true, name: true } } },
      },
    },
  });
}

/** A customer merged into `survivorId`, for the survivor's "was merged into this customer" note. */
export function mergedRecord(db: PrismaClient, ownerId: string, id: string, survivorId: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.customer.findFirst({ where: { id, ownerId, mergedIntoId: survivorId }, select: { name: true, mergedAt: true } });
}

/** Names of the owner's customers (merged ones too), for lines that mention them. */
export async function customerNames(db: PrismaClient, ownerId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.customer.findMany({ where: { id: { in: [...new Set(ids)] }, ownerId }, select: { id: true, name: true } });
  return new Map(rows.map((c) => [c.id, c.name]));
}

/**
 * For the order form's customer picker: the first 500 by name (the list a page without JavaScript
 * chooses from; with it, the picker searches them all), and `include` wherever it sorts.
 */
export async function customerChoices(db: PrismaClient, ownerId: string, include?: string) {
  const where = { ownerId, mergedIntoId: null, lab: false };
  const select = { id: true, name: true, company: true } as const;
  const [first, extra] = await Promise.all([
    db.customer.findMany({ where, orderBy: { name: "asc" }, take: 500, select }),
    include && isUuid(include) ? db.customer.findFirst({ where: { ...where, id: include }, select }) : null,
  ]);
  return extra && !first.some((c) => c.id === extra.id) ? [extra, ...first] : first;
}
