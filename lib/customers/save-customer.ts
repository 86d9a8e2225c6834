import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveDuplicateSafe, type SaveOptions, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import { customerBlockingKeys, findCustomerMatches, type CustomerMatch } from "@/lib/matching/find-customer-matches.ts";
import { insertMatchKeys } from "@/lib/matching/match-keys.ts";
import type { CustomerInput } from "@/lib/validations/customer.ts";
import { normalisedColumns } from "./normalise.ts";

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

/** How a customer is saved, for `saveDuplicateSafe` or, inside a caller's transaction, `saveWithin`. */
export function customerSaveOptions(
  ownerId: string,
  input: CustomerInput,
  options: { confirmedMatchIds?: readonly string[] } = {},
): SaveOptions<Pick<CustomerInput, "name" | "email" | "phone" | "company">, CustomerMatch> {
  const { id, name, email, phone, company } = input;
  const keys = customerBlockingKeys({ name, email, phone, company });
  return {
    id,
    ownerId,
    values: { name, email, phone, company },
    confirmedMatchIds: options.confirmedMatchIds,
    lockKeys: keys.map((k) => `customer:${ownerId}:${k}`),
    readExisting: async (tx) => {
      const row = await tx.customer.findUnique({ where: { id }, select: { ownerId: true, name: true, email: true, phone: true, company: true } });
      if (!row) return null;
      const { ownerId: owner, ...values } = row;
      return { ownerId: owner, values };
    },
    findMatches: (tx) => findCustomerMatches(tx, ownerId, { name, email, phone, company }, { excludeId: id }),
    insert: async (tx) => {
      const { count } = await tx.customer.createMany({
        data: [
          {
            id,
            ownerId,
            name,
            email,
            phone,
            company,
            ...normalisedColumns({ name, email, phone, company }),
          },
        ],
        skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING
      });
      if (count === 1) await insertMatchKeys(tx, ownerId, [{ id, keys }]);
      return count === 1;
    },
    recordDecisions: async (tx, matchIds) => {
      await tx.customerDuplicateDecision.createMany({ data: matchIds.map((matchId) => ({ customerId: id, matchId, decidedById: ownerId })) });
    },
    onMatchingError: (error) => console.error("customer near-match check failed; saved without it:", error),
  };
}
