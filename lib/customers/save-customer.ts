import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveOnce, toInsertResult, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import type { CustomerInput } from "@/lib/validations/customer.ts";
import { normaliseEmailAddress, normaliseName, normalisePhone } from "./normalise.ts";

type CustomerValues = { name: string; email: string | null; phone: string | null; company: string | null };

/** Saves a validated customer by its browser-made ID; see save-once.ts for the outcomes. */
export function saveCustomer(db: PrismaClient, ownerId: string, input: CustomerInput): Promise<SaveOutcome> {
  const { id, name, email, phone, company } = input;
  const values: CustomerValues = { name, email, phone, company };
  return saveOnce({
    id,
    ownerId,
    values,
    // One round trip: insert, or read the row that holds the ID. (Raw SQL: Prisma has no
    // insert-or-return-existing.)
    insertOrRead: async () => {
      const [row] = await db.$queryRaw<Array<{ inserted: boolean; ownerId: string | null } & CustomerValues>>`
        WITH ins AS (
          INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, "nameNormalized", "emailNormalized", "phoneNormalized")
          VALUES (${id}::uuid, ${ownerId}::uuid, ${name}, ${email}, ${phone}, ${company},
                  ${normaliseName(name)}, ${normaliseEmailAddress(email)}, ${normalisePhone(phone)})
          ON CONFLICT (id) DO NOTHING
          RETURNING id
        )
        SELECT true AS inserted, NULL::uuid::text AS "ownerId", NULL AS name, NULL AS email, NULL AS phone, NULL AS company FROM ins
        UNION ALL
        SELECT false, c."ownerId"::text, c.name, c.email, c.phone, c.company FROM "Customer" c
         WHERE c.id = ${id}::uuid AND NOT EXISTS (SELECT 1 FROM ins)`;
      return toInsertResult(row);
    },
    findExisting: async () => {
      const row = await db.customer.findUnique({ where: { id }, select: { ownerId: true, name: true, email: true, phone: true, company: true } });
      if (!row) return null;
      const { ownerId: owner, ...saved } = row;
      return { ownerId: owner, values: saved };
    },
  });
}
