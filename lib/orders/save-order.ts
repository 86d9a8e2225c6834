import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveOnce, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import type { OrderInput } from "@/lib/validations/order.ts";

export type SaveOrderOutcome = SaveOutcome | { status: "unknown-customer" };

/** Saves a validated order by its browser-made ID, for one of the owner's own customers. */
export async function saveOrder(db: PrismaClient, ownerId: string, input: OrderInput): Promise<SaveOrderOutcome> {
  // Another user's customer is "unknown", exactly like one that does not exist.
  const customer = await db.customer.findFirst({ where: { id: input.customerId, ownerId }, select: { id: true } });
  if (!customer) return { status: "unknown-customer" };
  const { id, amount, ...rest } = input;
  const values = { ...rest, amountMinor: amount };
  return saveOnce({
    id,
    ownerId,
    values,
    insert: async () => {
      const { count } = await db.order.createMany({ data: [{ id, ownerId, ...values }], skipDuplicates: true });
      return count;
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
