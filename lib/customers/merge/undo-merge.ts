// Undoing a merge within its window: the merged records come back with their own values and keys,
// the survivor gets its values from before, and exactly what moved moves back (orders placed on
// the survivor since stay). Idempotent: undoing an undone merge answers the same.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { CUSTOMER_UNMERGED, enqueueCustomerMergeEvent } from "@/lib/fulfilment/customer-merge-events.ts";
import { lockCustomers, lockOwnersMerges, MERGE_TRANSACTION, mergeView, setCustomerValues, type MergeView } from "./merge-customers.ts";
import { readMoved } from "./moved.ts";
import type { MergeValues } from "./choose-fields.ts";
import { settings } from "@/lib/settings/settings.ts";

/** How long a merge can be undone (MERGE_UNDO_DAYS). */
export const MERGE_UNDO_DAYS = settings().MERGE_UNDO_DAYS;

export type UndoOutcome =
  | { status: "undone"; merge: MergeView }
  /** It was undone before: nothing new. */
  | { status: "replay"; merge: MergeView }
  | { status: "not-found" }
  | { status: "expired"; merge: MergeView }
  /** The survivor has since been merged into another record: undo that merge first. */
  | { status: "survivor-merged"; merge: MergeView; survivorId: string }
  /** Another merge into the same survivor came later and is still live: undo that one first. */
  | { status: "later-merge"; merge: MergeView; later: MergeView };

export function undoMerge(db: PrismaClient, ownerId: string, mergeId: string, now = new Date()): Promise<UndoOutcome> {
  return db.$transaction((tx) => undoWithin(tx, ownerId, mergeId, now), MERGE_TRANSACTION);
}

export async function undoWithin(tx: Prisma.TransactionClient, ownerId: string, mergeId: string, now = new Date()): Promise<UndoOutcome> {
  await lockOwnersMerges(tx, ownerId);
  const merge = await tx.customerMerge.findFirst({ where: { id: mergeId, ownerId } });
  if (!merge) return { status: "not-found" };
  if (merge.undoneAt) return { status: "replay", merge: mergeView(merge) };
  if (now.getTime() - merge.createdAt.getTime() > MERGE_UNDO_DAYS * 86_400_000) return { status: "expired", merge: mergeView(merge) };

  const moved = readMoved(merge.moved);
  const locked = await lockCustomers(tx, ownerId, [merge.intoId, ...merge.fromIds]);
  const survivor = locked.find((c) => c.id === merge.intoId);
  if (survivor?.mergedIntoId) return { status: "survivor-merged", merge: mergeView(merge), survivorId: survivor.mergedIntoId };
  // The survivor's values are restored to what they were before this merge: with a later merge
  // still live, that would throw away what the later one set. Newest first, like a stack.
  const later = await tx.customerMerge.findFirst({
    where: { ownerId, intoId: merge.intoId, undoneAt: null, sequence: { gt: merge.sequence } },
    orderBy: { sequence: "desc" },
  });
  if (later) return { status: "later-merge", merge: mergeView(merge), later: mergeView(later) };

  for (const from of merge.fromIds) {
    const ids = moved.orders.filter((o) => o.from === from).map((o) => o.id);
    if (ids.length > 0)
      await tx.$executeRaw`UPDATE "Order" SET "customerId" = ${from}::uuid WHERE id = ANY(${ids}::uuid[]) AND "customerId" = ${merge.intoId}::uuid`;
  }
  for (const d of moved.decisions) {
    await tx.customerDuplicateDecision.updateMany({ where: { customerId: d.customerId, matchId: d.matchId }, data: d.was });
  }
  for (const t of moved.tombstones) {
    await tx.$executeRaw`UPDATE "Customer" SET "mergedIntoId" = ${t.was}::uuid WHERE id = ${t.id}::uuid AND "mergedIntoId" = ${merge.intoId}::uuid`;
  }
  await tx.$executeRaw`UPDATE "Customer" SET "mergedIntoId" = NULL, "mergedAt" = NULL WHERE id = ANY(${merge.fromIds}::uuid[])`;
  for (const c of locked.filter((c) => merge.fromIds.includes(c.id))) await setCustomerValues(tx, ownerId, c.id, c);
  await setCustomerValues(tx, ownerId, merge.intoId, merge.survivorBefore as unknown as MergeValues);
  const undone = await tx.customerMerge.update({ where: { id: merge.id }, data: { undoneAt: now } });
  await enqueueCustomerMergeEvent(tx, ownerId, CUSTOMER_UNMERGED, { mergeId: merge.id, into: merge.intoId, from: merge.fromIds });
  return { status: "undone", merge: mergeView(undone) };
}
