// For the review page: which of the owner's customers match each other under the same rules as
// the save, grouped (a matches b, b matches c: one group). Looks at the most recent customers.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { classifyCustomerPair } from "./classify-customer.ts";
import { MATCHING } from "./config.ts";

export interface DuplicateGroup {
  members: Array<{ id: string; name: string; email: string | null; phone: string | null; company: string | null; createdAt: Date }>;
  reasons: string[];
}

type PairRow = {
  a: string; b: string;
  sameEmail: boolean | null; samePhone: boolean | null; exactName: boolean | null;
  nameScore: number; companyScore: number | null; sameBusinessDomain: boolean | null; samePhoneSuffix: boolean | null;
};

export async function findDuplicateGroups(tx: Prisma.TransactionClient, ownerId: string, options = { recent: 1000 }, config = MATCHING.customer): Promise<DuplicateGroup[]> {
  const free = [...config.freeMailDomains];
  const pairs = await tx.$queryRaw<PairRow[]>`
    WITH recent AS (
      SELECT * FROM "Customer" WHERE "ownerId" = ${ownerId}::uuid ORDER BY "createdAt" DESC LIMIT ${options.recent}
    ), pairs AS (
      SELECT a.id AS a, b.id AS b FROM recent a JOIN "Customer" b
        ON b."ownerId" = a."ownerId" AND b."emailNormalized" = a."emailNormalized" AND b.id <> a.id
      UNION
      SELECT a.id, b.id FROM recent a JOIN "Customer" b
        ON b."ownerId" = a."ownerId" AND b."phoneNormalized" = a."phoneNormalized" AND length(a."phoneNormalized") >= ${config.minPhoneDigits} AND b.id <> a.id
      UNION
      SELECT a.id, b.id FROM recent a JOIN "Customer" b
        ON b."ownerId" = a."ownerId" AND b."nameNormalized" = a."nameNormalized" AND length(a."nameNormalized") >= ${config.minNameLength} AND b.id <> a.id
      UNION
      SELECT a.id, b.id FROM recent a JOIN "Customer" b
        ON b."ownerId" = a."ownerId" AND b."nameNormalized" % a."nameNormalized" AND length(a."nameNormalized") >= ${config.minNameLengthForSimilarity} AND b.id <> a.id
    )
    SELECT LEAST(p.a, p.b)::text AS a, GREATEST(p.a, p.b)::text AS b,
           x."emailNormalized" = y."emailNormalized" AS "sameEmail",
           x."phoneNormalized" = y."phoneNormalized" AND length(x."phoneNormalized") >= ${config.minPhoneDigits} AS "samePhone",
           x."nameNormalized" = y."nameNormalized" AND length(x."nameNormalized") >= ${config.minNameLength} AS "exactName",
           similarity(x."nameNormalized", y."nameNormalized") AS "nameScore",
           similarity(x."companyNormalized", y."companyNormalized") AS "companyScore",
           x."emailDomain" = y."emailDomain" AND NOT x."emailDomain" = ANY(${free}::text[]) AS "sameBusinessDomain",
           x."phoneSuffix" = y."phoneSuffix" AS "samePhoneSuffix"
      FROM pairs p JOIN "Customer" x ON x.id = p.a JOIN "Customer" y ON y.id = p.b`;

  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  const reasonsByRoot = new Map<string, Set<string>>();
  const matched: Array<[string, string, string[]]> = [];
  const seen = new Set<string>();
  for (const r of pairs) {
    const key = `${r.a}:${r.b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const v = classifyCustomerPair({
      sameEmail: !!r.sameEmail, samePhone: !!r.samePhone, exactName: !!r.exactName, nameScore: Number(r.nameScore ?? 0),
      companyScore: r.companyScore === null ? null : Number(r.companyScore), sameBusinessDomain: !!r.sameBusinessDomain, samePhoneSuffix: !!r.samePhoneSuffix,
    }, config);
    if (!v.isMatch) continue;
    matched.push([r.a, r.b, v.reasons.map((x) => x.replace(/: [\d.]+$/, ""))]);
    const [ra, rb] = [find(r.a), find(r.b)];
    if (ra !== rb) parent.set(ra, rb);
  }
  for (const [a, , reasons] of matched) {
    const root = find(a);
    const set = reasonsByRoot.get(root) ?? new Set<string>();
    reasons.forEach((x) => set.add(x));
    reasonsByRoot.set(root, set);
  }
  const ids = [...new Set(matched.flatMap(([a, b]) => [a, b]))];
  if (ids.length === 0) return [];
  const rows = await tx.customer.findMany({
    where: { id: { in: ids }, ownerId },
    select: { id: true, name: true, email: true, phone: true, company: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const groups = new Map<string, DuplicateGroup>();
  for (const row of rows) {
    const root = find(row.id);
    const group = groups.get(root) ?? { members: [], reasons: [...(reasonsByRoot.get(root) ?? [])] };
    group.members.push(row);
    groups.set(root, group);
  }
  return [...groups.values()].sort((x, y) => y.members.length - x.members.length);
}
