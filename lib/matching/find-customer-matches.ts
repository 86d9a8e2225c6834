// Finds the owner's customers that look like a probe: candidates are the records that share a
// blocking key with it (CustomerMatchKey, by index), each scored field by field with the fitted
// model (lib/matching/evidence). In a save's transaction, or on its own for live suggestions.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { prepared } from "@/lib/db/prepared.ts";
import { CUSTOMER_LIMITS } from "@/lib/validations/fields.ts";
import { blockingKeys, exactNameKey } from "./evidence/blocking-keys.ts";
import type { AddressColumns } from "./evidence/address.ts";
import type { CustomerFields } from "./evidence/compare.ts";
import { customerModel } from "./evidence/customer-model.ts";
import { describeEvidence, type EvidenceView } from "./evidence/describe-evidence.ts";
import { scorePair } from "./evidence/model.ts";
import { MATCHING, type MatchingConfig } from "./config.ts";

export type CustomerProbe = CustomerFields;

export interface CustomerMatch extends AddressColumns {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  createdAt: Date;
  createdBy: string;
  /** How likely the two are one customer, 0..1. */
  probability: number;
  evidence: EvidenceView[];
  /** The evidence as words, for lists that show one line. */
  reasons: string[];
}

export interface CandidateRow extends AddressColumns {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  createdAt: Date;
  createdBy: string;
  /** How many of the owner's records bear the probe's exact name. */
  nameCount: number;
}

/** The probe cut to the form's limits: a 1 MB name must not become a 1 MB comparison. */
function bounded(p: CustomerProbe): CustomerProbe {
  return {
    name: p.name.slice(0, CUSTOMER_LIMITS.name),
    email: p.email?.slice(0, CUSTOMER_LIMITS.email) ?? null,
    phone: p.phone?.slice(0, CUSTOMER_LIMITS.phone) ?? null,
    company: p.company?.slice(0, CUSTOMER_LIMITS.company) ?? null,
    street: p.street?.slice(0, CUSTOMER_LIMITS.street) ?? null,
    postcode: p.postcode?.slice(0, CUSTOMER_LIMITS.postcode) ?? null,
    city: p.city?.slice(0, CUSTOMER_LIMITS.city) ?? null,
    country: p.country?.slice(0, CUSTOMER_LIMITS.country) ?? null,
  };
}

/** The keys a customer is found by, and the advisory locks a save of it takes. */
export const customerBlockingKeys = (probe: CustomerProbe, config = MATCHING.customer) => blockingKeys(bounded(probe), config.freeMailDomains);

/**
 * The candidates' query for a save's check (which reads them with the record's own row, after its
 * locks), or null when the probe is too thin to look for any.
 */
export function customerCandidates(ownerId: string, probe: CustomerProbe, options: { excludeId?: string } = {}): Prisma.Sql | null {
  const p = bounded(probe);
  if (p.name.trim().length < MATCHING.customer.minNameLength && !p.email && !p.phone) return null;
  return customerMatchQuery(ownerId, p, options, MATCHING.customer);
}

/**
 * What a save's check saw, as one value (the SQL function of migration 20261208000000): the entries
 * each of the probe's keys brings, the versions of their records, how many bear the exact name. The
 * same arguments go to `save_customer_if_unchanged`, which compares it under the save's locks.
 */
export function customerFingerprintInput(ownerId: string, probe: CustomerProbe, config = MATCHING.customer) {
  const p = bounded(probe);
  const { probe: keys } = blockingKeys(p, config.freeMailDomains);
  return { ownerId, keys: keys.map((k) => k.key), lims: keys.map((k) => k.limit), nameKey: exactNameKey(p.name), maxNameCount: config.maxNameCount };
}

export function customerFingerprint(f: ReturnType<typeof customerFingerprintInput>): Prisma.Sql {
  return Prisma.sql`customer_check_fingerprint(${f.ownerId}::uuid, ${f.keys}::text[], ${f.lims}::int[], ${f.nameKey}, ${f.maxNameCount}::int)`;
}

/** The candidates that look like the probe, as `customerCandidates` found them. */
export const customerMatchesFrom = (probe: CustomerProbe, rows: readonly CandidateRow[]) => scoreCandidates(bounded(probe), rows, MATCHING.customer);

/**
 * On its own (the form's live suggestions, Merge with…): one statement, no transaction. Its work is
 * bounded by construction (each key reads at most its limit, at most `maxCandidates` rows are read
 * and scored), so it needs no time limit of its own beyond the connection's; a transaction only to
 * set one cost three more round trips (at 1,000,000 customers, warm: p95 5.2 ms against 2.2 ms
 * for the statement alone, measured with a scratch script beside bench:match).
 */
export async function suggestCustomerMatches(
  db: PrismaClient,
  ownerId: string,
  probe: CustomerProbe,
  options: { excludeId?: string } = {},
): Promise<CustomerMatch[]> {
  const query = customerCandidates(ownerId, probe, options);
  return query ? customerMatchesFrom(probe, await db.$queryRaw<CandidateRow[]>(prepared(query))) : [];
}

/**
 * The one query that finds a probe's candidates and how common its name is. Each key reads at most
 * its limit of entries (the newest, KEY_LIMITS), so a key shared by thousands costs no more than
 * that; of what the keys bring, the `maxCandidates` sharing the weightiest and rarest keys are read
 * and scored (each key's weight is shared among the candidates it brings: a key only one other
 * record holds says more than one that fifty hold).
 * Exported so bench:match can time the query alone.
 */
export function customerMatchQuery(ownerId: string, probe: CustomerProbe, options: { excludeId?: string }, config: MatchingConfig["customer"]): Prisma.Sql {
  const { probe: keys } = blockingKeys(probe, config.freeMailDomains);
  return Prisma.sql`
    WITH hit AS (
      SELECT k."customerId", q.w::float8 / count(*) OVER (PARTITION BY q.key) AS w FROM unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.limit)}::int[], ${keys.map((k) => k.weight)}::int[]) AS q(key, lim, w)
        CROSS JOIN LATERAL (
          SELECT m."customerId" FROM "CustomerMatchKey" m
           WHERE m."ownerId" = ${ownerId}::uuid AND m.key = q.key
           ORDER BY m."customerId" DESC LIMIT q.lim) k
    ), cand AS (
      SELECT "customerId" FROM hit WHERE "customerId"::text <> ${options.excludeId ?? ""}
       GROUP BY 1 ORDER BY sum(w) DESC, "customerId" DESC LIMIT ${config.maxCandidates}
    ), named AS (
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM "CustomerMatchKey" WHERE "ownerId" = ${ownerId}::uuid AND key = ${exactNameKey(probe.name)} LIMIT ${config.maxNameCount}) x
    )
    SELECT c.id::text AS id, c.name, c.email, c.phone, c.company, c.street, c.postcode, c.city, c.country, c."createdAt", u.email AS "createdBy", named.n AS "nameCount"
      FROM cand JOIN "Customer" c ON c.id = cand."customerId" JOIN "User" u ON u.id = c."ownerId" CROSS JOIN named
     WHERE c."ownerId" = ${ownerId}::uuid`;
}

/** Each candidate scored against the probe; those at or above the threshold, most likely first. */
function scoreCandidates(probe: CustomerProbe, rows: readonly CandidateRow[], config: MatchingConfig["customer"]): CustomerMatch[] {
  return rows
    .map(({ nameCount, ...r }) => {
      // The probe is not among the owner's records yet: the count is of the others who bear the name.
      const s = scorePair(probe, r, customerModel, config.freeMailDomains, () => Math.max(1, nameCount));
      const evidence = s.evidence.map(describeEvidence);
      return { ...r, isMatch: s.isMatch, probability: Number(s.probability.toFixed(3)), evidence, reasons: evidence.map((e) => e.text) };
    })
    .filter((m) => m.isMatch)
    .map(({ isMatch: _isMatch, ...m }) => (void _isMatch, m))
    .sort((a, b) => b.probability - a.probability || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, config.maxResults);
}
