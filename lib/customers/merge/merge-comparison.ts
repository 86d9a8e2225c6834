// What the merge page compares: the owner's live customers named, each with what would move if it
// were merged into another of them (its orders, and its duplicate decisions about records outside
// the group), and the recent merges a survivor's page offers to undo.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";
import { MAX_MERGED } from "@/lib/validations/merge.ts";
import type { MergeRecord } from "./choose-fields.ts";
import { MERGE_UNDO_DAYS } from "./undo-merge.ts";

export interface ComparedCustomer extends MergeRecord {
  createdAt: Date;
  orders: number;
  /** Its decisions about customers outside the comparison: they move with it. */
  decisions: number;
}

export async function mergeComparison(db: PrismaClient, ownerId: string, ids: readonly string[]): Promise<ComparedCustomer[]> {
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, MAX_MERGED + 1);
  const rows = await db.customer.findMany({
    where: { id: { in: wanted }, ownerId, mergedIntoId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true, name: true, email: true, phone: true, company: true, createdAt: true,
      _count: { select: { orders: true } },
      decisions: { select: { matchId: true } },
      matchedBy: { select: { customerId: true } },
    },
  });
  const group = new Set(rows.map((r) => r.id));
  return rows.map(({ _count, decisions, matchedBy, ...r }) => ({
    ...r,
    orders: _count.orders,
    decisions: decisions.filter((d) => !group.has(d.matchId)).length + matchedBy.filter((d) => !group.has(d.customerId)).length,
  }));
}

/** Merges into this customer that can still be undone, newest first. */
export async function undoableMerges(db: PrismaClient, ownerId: string, intoId: string, now = new Date()) {
  const merges = await db.customerMerge.findMany({
    where: { ownerId, intoId, undoneAt: null, createdAt: { gte: new Date(now.getTime() - MERGE_UNDO_DAYS * 86_400_000) } },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, fromIds: true, createdAt: true, movedOrders: true },
  });
  const names = new Map(
    (await db.customer.findMany({ where: { id: { in: merges.flatMap((m) => m.fromIds) }, ownerId }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  return merges.map((m) => ({ ...m, fromNames: m.fromIds.map((id) => names.get(id) ?? "a customer") }));
}

/** The merges that moved this order, oldest first: "moved from “Ada King” by a merge on …". */
export async function orderMoves(db: PrismaClient, ownerId: string, orderId: string) {
  const merges = await db.$queryRaw<Array<{ id: string; fromId: string; createdAt: Date; undoneAt: Date | null }>>`
    SELECT m.id::text, o->>'from' AS "fromId", m."createdAt", m."undoneAt"
      FROM "CustomerMerge" m CROSS JOIN LATERAL jsonb_array_elements(m.moved->'orders') o
     WHERE m."ownerId" = ${ownerId}::uuid AND o->>'id' = ${orderId}
     ORDER BY m."createdAt"`;
  const names = new Map((await db.customer.findMany({ where: { id: { in: merges.map((m) => m.fromId) }, ownerId }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  return merges.map((m) => ({ ...m, fromName: names.get(m.fromId) ?? "another customer" }));
}
