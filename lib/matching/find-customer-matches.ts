// Finds the owner's customers that look like a probe, using only indexes, in a save's transaction
// or on its own (the % operator reads pg_trgm.similarity_threshold from the transaction).
// Lookups: btree equality on the normalised email, phone, name, email domain and phone ending;
// the trigram GIN index on the owner's distinct names (CustomerName) for "similar name and
// similar company".
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { normaliseCompany, normaliseEmailAddress, normaliseName, normalisePhone } from "@/lib/customers/normalise.ts";
import { CUSTOMER_LIMITS } from "@/lib/validations/customer.ts";
import { classifyCustomerPair } from "./classify-customer.ts";
import { MATCHING, type MatchingConfig } from "./config.ts";
import { matchingSettings } from "./session.ts";

export interface CustomerProbe {
  name: string;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
}

export interface CustomerMatch {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  createdAt: Date;
  createdBy: string;
  score: number;
  reasons: string[];
}

export interface CustomerKeys {
  nameFull: string | null;
  nameExact: string | null;
  nameSimilar: string | null;
  email: string | null;
  phone: string | null;
  phoneSuffix: string | null;
  domain: string | null;
  company: string | null;
}

/** The probe's normalised keys; a key too short or too common to search on is null. */
export function customerKeys(probe: CustomerProbe, config = MATCHING.customer): CustomerKeys {
  // Cut to the field limits first: a 1 MB name must not become a 1 MB trigram search.
  const name = normaliseName(probe.name.slice(0, CUSTOMER_LIMITS.name));
  const email = normaliseEmailAddress(probe.email?.slice(0, CUSTOMER_LIMITS.email));
  const phone = normalisePhone(probe.phone?.slice(0, CUSTOMER_LIMITS.phone));
  const domain = email?.includes("@") ? email.split("@").pop()! : null;
  return {
    nameFull: name || null,
    nameExact: name.length >= config.minNameLength ? name : null,
    nameSimilar: name.length >= config.minNameLengthForSimilarity ? name : null,
    email: email && email.includes("@") ? email : null,
    phone: phone && phone.length >= config.minPhoneDigits ? phone : null,
    phoneSuffix: phone && phone.length >= config.phoneSuffixDigits ? phone.slice(-config.phoneSuffixDigits) : null,
    domain: domain && !(config.freeMailDomains as readonly string[]).includes(domain) ? domain : null,
    company: normaliseCompany(probe.company?.slice(0, CUSTOMER_LIMITS.company)),
  };
}

type Row = Omit<CustomerMatch, "score" | "reasons"> & {
  sameEmail: boolean | null;
  samePhone: boolean | null;
  exactName: boolean | null;
  nameScore: number | null;
  companyScore: number | null;
  sameBusinessDomain: boolean | null;
  samePhoneSuffix: boolean | null;
};

/** In a save's transaction, prepared by `prepareMatching`. */
export function findCustomerMatches(tx: Prisma.TransactionClient, ownerId: string, probe: CustomerProbe, options: { excludeId?: string } = {}) {
  return runCustomerMatchQuery(ownerId, probe, options, (query) => tx.$queryRaw<Row[]>(query));
}

/** On its own (the form's live suggestions): settings and query as one batch in one transaction. */
export function suggestCustomerMatches(db: PrismaClient, ownerId: string, probe: CustomerProbe, options: { excludeId?: string } = {}) {
  return runCustomerMatchQuery(ownerId, probe, options, async (query) => {
    const [, rows] = await db.$transaction([db.$queryRaw(matchingSettings()), db.$queryRaw<Row[]>(query)]);
    return rows;
  });
}

async function runCustomerMatchQuery(
  ownerId: string,
  probe: CustomerProbe,
  options: { excludeId?: string },
  run: (query: Prisma.Sql) => Promise<Row[]>,
): Promise<CustomerMatch[]> {
  const query = customerMatchQuery(ownerId, probe, options, MATCHING.customer);
  return query ? toCustomerMatches(await run(query), MATCHING.customer) : [];
}

/**
 * The one query that finds a probe's candidates, or null when the probe has nothing to search on.
 * Exported so bench:match can time the query alone, through the same client as its baseline.
 */
export function customerMatchQuery(ownerId: string, probe: CustomerProbe, options: { excludeId?: string }, config: MatchingConfig["customer"]): Prisma.Sql | null {
  const k = customerKeys(probe, config);
  if (!k.email && !k.phone && !k.nameExact) return null; // nothing worth a query
  // Only the branches whose key is present: less to plan and run on every save.
  const owner = Prisma.sql`"ownerId" = ${ownerId}::uuid`;
  const similarName = (name: string) => Prisma.sql`similarity("nameNormalized", ${name}) >= ${config.nameSimilarity}`;
  const branches: Prisma.Sql[] = [];
  if (k.email) branches.push(Prisma.sql`SELECT id FROM "Customer" WHERE ${owner} AND "emailNormalized" = ${k.email}`);
  if (k.phone) branches.push(Prisma.sql`SELECT id FROM "Customer" WHERE ${owner} AND "phoneNormalized" = ${k.phone}`);
  if (k.nameExact) branches.push(Prisma.sql`SELECT id FROM "Customer" WHERE ${owner} AND "nameNormalized" = ${k.nameExact}`);
  if (k.nameSimilar) {
    // "Similar name and …": each secondary key narrows by its own index first, so a common name
    // becomes a trigram search only for "similar company".
    if (k.domain) branches.push(Prisma.sql`SELECT id FROM "Customer" WHERE ${owner} AND "emailDomain" = ${k.domain} AND ${similarName(k.nameSimilar)}`);
    if (k.phoneSuffix) branches.push(Prisma.sql`SELECT id FROM "Customer" WHERE ${owner} AND "phoneSuffix" = ${k.phoneSuffix} AND ${similarName(k.nameSimilar)}`);
    if (k.company) {
      // The trigram search runs over the owner's distinct names (CustomerName), not customers:
      // names repeat, and the search costs what the name's trigrams' posting lists hold.
      branches.push(Prisma.sql`SELECT c.id FROM "CustomerName" n
        JOIN "Customer" c ON c."ownerId" = n."ownerId" AND c."nameNormalized" = n."nameNormalized"
        WHERE n."nameNormalized" % ${k.nameSimilar} AND n."ownerId" = ${ownerId}::uuid
          AND similarity(c."companyNormalized", ${k.company}) >= ${config.companySimilarity}`);
    }
  }
  if (branches.length === 0) return null;
  return Prisma.sql`
    WITH cand AS (${Prisma.join(branches, " UNION ")})
    SELECT c.id::text AS id, c.name, c.email, c.phone, c.company, c."createdAt", u.email AS "createdBy",
           c."emailNormalized" = ${k.email} AS "sameEmail",
           c."phoneNormalized" = ${k.phone} AS "samePhone",
           c."nameNormalized" = ${k.nameExact} AS "exactName",
           similarity(c."nameNormalized", ${k.nameFull ?? ""}) AS "nameScore",
           similarity(c."companyNormalized", ${k.company}) AS "companyScore",
           c."emailDomain" = ${k.domain} AS "sameBusinessDomain",
           c."phoneSuffix" = ${k.phoneSuffix} AS "samePhoneSuffix"
      FROM cand JOIN "Customer" c ON c.id = cand.id JOIN "User" u ON u.id = c."ownerId"
     WHERE c.id::text <> ${options.excludeId ?? ""}`;
}

function toCustomerMatches(rows: Row[], config: MatchingConfig["customer"]): CustomerMatch[] {
  return rows
    .map((r) => {
      const verdict = classifyCustomerPair(
        {
          sameEmail: !!r.sameEmail,
          samePhone: !!r.samePhone,
          exactName: !!r.exactName,
          nameScore: Number(r.nameScore ?? 0),
          companyScore: r.companyScore === null ? null : Number(r.companyScore),
          sameBusinessDomain: !!r.sameBusinessDomain,
          samePhoneSuffix: !!r.samePhoneSuffix,
        },
        config,
      );
      return { id: r.id, name: r.name, email: r.email, phone: r.phone, company: r.company, createdAt: r.createdAt, createdBy: r.createdBy, ...verdict };
    })
    .filter((m) => m.isMatch)
    .map(({ isMatch: _isMatch, ...m }) => (void _isMatch, m))
    .sort((a, b) => b.score - a.score || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, config.maxResults);
}
