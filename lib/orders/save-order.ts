import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveDuplicateSafe, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import { findOrderMatches, type OrderMatch } from "@/lib/matching/find-order-matches.ts";
import type { OrderInput } from "@/lib/validations/order.ts";

export type SaveOrderOutcome = SaveOutcome<OrderMatch> | { status: "unknown-customer" };

/** Saves a validated order by its browser-made ID, for one of the owner's own customers. */
export async function saveOrder(
  db: PrismaClient,
  ownerId: string,
  input: OrderInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): Promise<SaveOrderOutcome> {
  // Another user's customer is "unknown", exactly like one that does not exist.
  const customer = await db.customer.findFirst({ where: { id: input.customerId, ownerId }, select: { id: true } });
  if (!customer) return { status: "unknown-customer" };
  const { id, customerId, description, amount, currency } = input;
  return saveDuplicateSafe(db, {
    id,
    ownerId,
    values: { customerId, description, amountMinor: amount, currency },
    confirmedMatchIds: options.confirmedMatchIds,
    lockKey: `orders:${customerId}`,
    readExisting: async (tx) => {
      const row = await tx.order.findUnique({
        where: { id },
        select: { ownerId: true, customerId: true, description: true, amountMinor: true, currency: true },
      });
      if (!row) return null;
      const { ownerId: owner, ...values } = row;
      return { ownerId: owner, values };
    },
    findMatches: (tx) => findOrderMatches(tx, ownerId, { customerId, description, amountMinor: amount, currency }, { excludeId: id }),
    insert: async (tx) => {
      const { count } = await tx.order.createMany({
        data: [{ id, ownerId, customerId, description, amountMinor: amount, currency }],
        skipDuplicates: true,
      });
      return count === 1;
    },
    recordDecisions: async (tx, matchIds) => {
      await tx.orderDuplicateDecision.createMany({ data: matchIds.map((matchId) => ({ orderId: id, matchId, decidedById: ownerId })) });
    },
    onMatchingError: (error) => console.error("order near-match check failed; saved without it:", error),
  });
}
