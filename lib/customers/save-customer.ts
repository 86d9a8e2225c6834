import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveOnce, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import type { CustomerInput } from "@/lib/validations/customer.ts";
import { normaliseEmailAddress, normaliseName, normalisePhone } from "./normalise.ts";

/** Saves a validated customer by its browser-made ID; see save-once.ts for the outcomes. */
export function saveCustomer(db: PrismaClient, ownerId: string, input: CustomerInput): Promise<SaveOutcome> {
  const { id, ...values } = input;
  return saveOnce({
    id,
    ownerId,
    values,
    insert: async () => {
      const { count } = await db.customer.createMany({
        data: [
          {
            id,
            ownerId,
            ...values,
            nameNormalized: normaliseName(values.name),
            emailNormalized: normaliseEmailAddress(values.email),
            phoneNormalized: normalisePhone(values.phone),
          },
        ],
        skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING
      });
      return count;
    },
    findExisting: async () => {
      const row = await db.customer.findUnique({
        where: { id },
        select: { ownerId: true, name: true, email: true, phone: true, company: true },
      });
      if (!row) return null;
      const { ownerId: owner, ...saved } = row;
      return { ownerId: owner, values: saved };
    },
  });
}
