// What was merged: the merges into a customer that its page offers to undo, and the merges that
// moved an order, for the order's page.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { customerNames } from "../queries.ts";
import { MERGE_UNDO_DAYS } from "./undo-merge.ts";

/** Merges into this customer that are still in place, newest first: only the first can be undone now. */
export async function undoableMerges(db: PrismaClient, ownerId: string, intoId: string, now = new Date()) {
  const merges = await db.customerMerge.findMany({
    where: { ownerId, intoId, undoneAt: null, createdAt: { gte: new Date(now.getTime() - MERGE_UNDO_DAYS * 86_400_000) } },
    orderBy: { sequence: "desc" },
    take: 10,
    select: { id: true, fromIds: true, createdAt: true, movedOrders: true },
  });
  const names = await customerNames(
    db,
    ownerId,
    merges.flatMap((m) => m.fromIds),
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
  const names = await customerNames(
    db,
    ownerId,
    merges.map((m) => m.fromId),
  );
  return merges.map((m) => ({ ...m, fromName: names.get(m.fromId) ?? "another customer" }));
}
