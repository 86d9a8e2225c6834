import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveDuplicateSafe, type SaveOptions, type SaveOutcome } from "@/lib/save-once/save-once.ts";
import {
  customerBlockingKeys,
  customerCandidates,
  customerFingerprint,
  customerFingerprintInput,
  customerMatchesFrom,
  type CandidateRow,
  type CustomerMatch,
} from "@/lib/matching/find-customer-matches.ts";
import type { CustomerInput } from "@/lib/validations/customer.ts";
import { normalisedColumns } from "@/lib/matching/normalise.ts";

export type CustomerSaveOutcome = SaveOutcome<CustomerMatch>;

/** Saves a validated customer by its browser-made ID, asking first when it looks like another. */
export function saveCustomer(
  db: PrismaClient,
  ownerId: string,
  input: CustomerInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): Promise<CustomerSaveOutcome> {
  return saveDuplicateSafe(db, customerSaveOptions(ownerId, input, options));
}

/**
 * Saves a customer even if it looks like others: when the check asks, it is saved beside the
 * matches shown, as a user choosing "Save anyway" would. For records known to be wanted (evaluation
 * and test fixtures), never for what a person typed.
 */
export async function saveCustomerAnyway(db: PrismaClient, ownerId: string, input: CustomerInput): Promise<CustomerSaveOutcome> {
  const first = await saveCustomer(db, ownerId, input);
  return first.status === "possible-duplicate" ? saveCustomer(db, ownerId, input, { confirmedMatchIds: first.matches.map((m) => m.id) }) : first;
}

/** How a customer is saved, for `saveDuplicateSafe` or, inside a caller's transaction, `saveWithin`. */
export function customerSaveOptions(
  ownerId: string,
  input: CustomerInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): SaveOptions<Omit<CustomerInput, "id">, CustomerMatch> {
  const { id, ...values } = input;
  const { name, email, phone, company, street, postcode, city, country } = values;
  const keys = customerBlockingKeys(values);
  const n = normalisedColumns({ name, email, phone, company });
  const seenFrom = customerFingerprintInput(ownerId, values);
  return {
    record: "customer",
    id,
    ownerId,
    values,
    confirmedMatchIds: options.confirmedMatchIds,
    lockKeys: keys.locks.map((k) => `customer:${ownerId}:${k}`),
    // Raw SQL on this path: it runs on every save, and Prisma's model queries cost more CPU per call.
    existing: Prisma.sql`
      SELECT "ownerId"::text AS "ownerId", name, email, phone, company, street, postcode, city, country FROM "Customer" WHERE id = ${id}::uuid`,
    candidates: customerCandidates(ownerId, values, { excludeId: id }),
    matchesFrom: (rows) => customerMatchesFrom(values, rows as unknown as CandidateRow[]),
    insert: async (tx, decidedMatchIds) => {
      // The row, its keys and the user's decisions in one statement: the rest only if the row was written.
      const [{ inserted }] = await tx.$queryRaw<Array<{ inserted: boolean }>>`
        WITH c AS (
          INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, street, postcode, city, country, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized")
          VALUES (${id}::uuid, ${ownerId}::uuid, ${name}, ${email ?? null}, ${phone ?? null}, ${company ?? null}, ${street}, ${postcode}, ${city}, ${country},
                  ${n.nameNormalized}, ${n.emailNormalized}, ${n.phoneNormalized}, ${n.companyNormalized})
          ON CONFLICT (id) DO NOTHING RETURNING id
        ), k AS (
          INSERT INTO "CustomerMatchKey" ("ownerId", key, "customerId") SELECT ${ownerId}::uuid, key, c.id FROM c, unnest(${keys.stored}::text[]) AS key
          ON CONFLICT DO NOTHING
        ), d AS (
          INSERT INTO "CustomerDuplicateDecision" ("customerId", "matchId", "decidedById")
          SELECT c.id, m, ${ownerId}::uuid FROM c, unnest(${[...decidedMatchIds]}::uuid[]) AS m
        )
        SELECT EXISTS (SELECT 1 FROM c) AS inserted`;
      return inserted;
    },
    unlocked: {
      fingerprint: customerFingerprint(seenFrom),
      insertIfUnchanged: (seen, decidedMatchIds, lock) => {
        const f = seenFrom;
        return Prisma.sql`save_customer_if_unchanged(
            ${id}::uuid, ${ownerId}::uuid, ${lock.recordKey}, ${[...lock.keys]}::text[], ${String(lock.lockTimeoutMs)},
            ${f.keys}::text[], ${f.lims}::int[], ${f.nameKey}, ${f.maxNameCount}::int, ${seen},
            ${name}, ${email ?? null}, ${phone ?? null}, ${company ?? null}, ${street}, ${postcode}, ${city}, ${country},
            ${n.nameNormalized}, ${n.emailNormalized}, ${n.phoneNormalized}, ${n.companyNormalized},
            ${keys.stored}::text[], ${[...decidedMatchIds]}::uuid[])`;
      },
    },
    onMatchingError: (error) => console.error("customer near-match check failed; saved without it:", error),
  };
}
