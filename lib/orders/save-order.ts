import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveOnce, toInsertResult, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import type { OrderInput } from "@/lib/validations/order.ts";

export type SaveOrderOutcome = SaveOutcome | { status: "unknown-customer" };
type OrderValues = { customerId: string; description: string; amountMinor: number; currency: string };

/** Saves a validated order by its browser-made ID, for one of the owner's own customers. */
export async function saveOrder(db: PrismaClient, ownerId: string, input: OrderInput): Promise<SaveOrderOutcome> {
  // Another user's customer is "unknown", exactly like one that does not exist.
  const customer = await db.customer.findFirst({ where: { id: input.customerId, ownerId }, select: { id: true } });
  if (!customer) return { status: "unknown-customer" };
  const { id, customerId, description, amount, currency } = input;
  const values: OrderValues = { customerId, description, amountMinor: amount, currency };
  return saveOnce({
    id,
    ownerId,
    values,
    insertOrRead: async () => {
      const [row] = await db.$queryRaw<Array<{ inserted: boolean; ownerId: string | null } & OrderValues>>`
        WITH ins AS (
          INSERT INTO "Order" (id, "ownerId", "customerId", description, "amountMinor", currency)
          VALUES (${id}::uuid, ${ownerId}::uuid, ${customerId}::uuid, ${description}, ${amount}, ${currency})
          ON CONFLICT (id) DO NOTHING
          RETURNING id
        )
        SELECT true AS inserted, NULL::text AS "ownerId", NULL::text AS "customerId", NULL AS description, NULL::int AS "amountMinor", NULL AS currency FROM ins
        UNION ALL
        SELECT false, o."ownerId"::text, o."customerId"::text, o.description, o."amountMinor", o.currency::text FROM "Order" o
         WHERE o.id = ${id}::uuid AND NOT EXISTS (SELECT 1 FROM ins)`;
      return toInsertResult(row);
    },
    findExisting: async () => {
      const row = await db.order.findUnique({
        where: { id },
        select: { ownerId: true, customerId: true, description: true, amountMinor: true, currency: true },
      });
      if (!row) return null;
      const { ownerId: owner, ...saved } = row;
      return { ownerId: owner, values: saved };
    },
  });
}
