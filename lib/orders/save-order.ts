import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveDuplicateSafe, type SaveOptions, type SaveOutcome } from "@/lib/save-once/save-once.ts";
import { orderPlacedEvent } from "@/lib/fulfilment/order-placed.ts";
import { orderCandidates, orderMatchesFrom, type OrderCandidateRow, type OrderMatch } from "@/lib/matching/find-order-matches.ts";
import { enqueue } from "@/lib/outbox/store.ts";
import type { OrderInput } from "@/lib/validations/order.ts";

export type SaveOrderOutcome = SaveOutcome<OrderMatch> | { status: "unknown-customer" };

/** Saves a validated order by its browser-made ID, for one of the owner's own customers. */
export async function saveOrder(
  db: PrismaClient,
  ownerId: string,
  input: OrderInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): Promise<SaveOrderOutcome> {
  const customerId = await liveCustomerId(db, ownerId, input.customerId);
  if (!customerId) return { status: "unknown-customer" };
  return saveDuplicateSafe(db, orderSaveOptions(ownerId, { ...input, customerId }, options));
}

/**
 * The customer an order for `customerId` belongs to: itself, or, if it was merged, its survivor (an
 * order form left open across a merge still places its order, on the record that lives on). Another
 * user's customer, or the Lab's, is "unknown" (null), exactly like one that does not exist.
 */
export async function liveCustomerId(db: PrismaClient | Prisma.TransactionClient, ownerId: string, customerId: string): Promise<string | null> {
  // The Lab's customer takes only the Lab's orders: a real order for it would vanish from real lists.
  const row = await db.customer.findFirst({ where: { id: customerId, ownerId, lab: false }, select: { mergedIntoId: true } });
  return row ? (row.mergedIntoId ?? customerId) : null;
}

type OrderValues = { customerId: string; description: string; amountMinor: number; currency: string };

/** How an order is saved, for `saveDuplicateSafe` or, inside a caller's transaction, `saveWithin`. */
export function orderSaveOptions(
  ownerId: string,
  input: OrderInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): SaveOptions<OrderValues, OrderMatch> {
  const { id, customerId, description, amount, currency } = input;
  return {
    record: "order",
    id,
    ownerId,
    values: { customerId, description, amountMinor: amount, currency },
    confirmedMatchIds: options.confirmedMatchIds,
    lockKeys: [`orders:${customerId}`],
    existing: Prisma.sql`
      SELECT "ownerId"::text AS "ownerId", "customerId"::text AS "customerId", description, "amountMinor", currency::text AS currency FROM "Order" WHERE id = ${id}::uuid`,
    candidates: orderCandidates(ownerId, { customerId, description, amountMinor: amount, currency }, { excludeId: id }),
    matchesFrom: (rows) => orderMatchesFrom(rows as unknown as OrderCandidateRow[]),
    insert: async (tx, decidedMatchIds) => {
      const order = { id, ownerId, customerId, description, amountMinor: amount, currency };
      const inserted = await enqueue(tx, { ...orderPlacedEvent(ownerId, order), insertedBy: insertOrderSql(order) });
      if (inserted && decidedMatchIds.length > 0) {
        await tx.orderDuplicateDecision.createMany({ data: decidedMatchIds.map((matchId) => ({ orderId: id, matchId, decidedById: ownerId })) });
      }
      return inserted;
    },
    onMatchingError: (error) => console.error("order near-match check failed; saved without it:", error),
  };
}

/**
 * The order's INSERT, returning its id only when it inserted (an existing ID inserts nothing). It
 * takes the customer as it is when the row lock is granted: if a merge of that customer commits
 * while the order waits, the order goes to the survivor, never to the tombstone.
 */
export function insertOrderSql(o: { id: string; ownerId: string; customerId: string; description: string; amountMinor: number; currency: string }): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Order" (id, "ownerId", "customerId", description, "amountMinor", currency)
    SELECT ${o.id}::uuid, ${o.ownerId}::uuid, COALESCE(c."mergedIntoId", c.id), ${o.description}, ${o.amountMinor}, ${o.currency}
      FROM "Customer" c WHERE c.id = ${o.customerId}::uuid FOR KEY SHARE OF c
    ON CONFLICT (id) DO NOTHING RETURNING id`;
}
