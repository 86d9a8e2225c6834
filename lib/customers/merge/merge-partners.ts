// Who a customer could be merged with: its likely matches by the near-match model (less those a
// person decided stand apart), or, when the
// user searches, the owner's live customers whose name contains the words typed.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { suggestCustomerMatches } from "@/lib/matching/find-customer-matches.ts";
import { normaliseName } from "@/lib/matching/normalise.ts";
import { decidedApart } from "../not-duplicates.ts";
import { valuesOf, type MergeRecord } from "./choose-fields.ts";

export interface MergePartner extends MergeRecord {
  reason: string | null;
}

export async function mergePartners(db: PrismaClient, ownerId: string, customer: MergeRecord, query: string): Promise<MergePartner[]> {
  const q = normaliseName(query);
  if (q) {
    const rows = await db.customer.findMany({
      where: { ownerId, mergedIntoId: null, lab: false, id: { not: customer.id }, nameNormalized: { contains: q } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, name: true, email: true, phone: true, company: true, street: true, postcode: true, city: true, country: true },
    });
    return rows.map((r) => ({ ...r, reason: null }));
  }
  const found = await suggestCustomerMatches(db, ownerId, customer, { excludeId: customer.id });
  const apart = await decidedApart(
    db,
    customer.id,
    found.map((m) => m.id),
  );
  const matches = found.filter((m) => !apart.has(m.id));
  return matches.map((m) => ({ ...valuesOf(m), id: m.id, reason: `${Math.round(m.probability * 100)}% likely the same: ${m.reasons.join(", ")}` }));
}
