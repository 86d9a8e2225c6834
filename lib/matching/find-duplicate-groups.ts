// For the review page: which of the owner's recent customers match each other under the same
// model as the save, grouped (a matches b, b matches c: one group). Pairs come from shared
// blocking keys, as a save's candidates do.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { exactNameKey, KEY_LIMITS, STRONG_KINDS } from "./evidence/blocking-keys.ts";
import { customerModel } from "./evidence/customer-model.ts";
import { describeEvidence } from "./evidence/describe-evidence.ts";
import { scorePair } from "./evidence/model.ts";
import { MATCHING } from "./config.ts";

type Member = { id: string; name: string; email: string | null; phone: string | null; company: string | null; createdAt: Date };

export interface DuplicateGroup {
  members: Member[];
  reasons: string[];
}

export async function findDuplicateGroups(
  tx: Prisma.TransactionClient,
  ownerId: string,
  options = { recent: 1000 },
  config = MATCHING.customer,
): Promise<DuplicateGroup[]> {
  const pairs = await tx.$queryRaw<Array<{ a: string; b: string }>>`
    WITH recent AS (
      SELECT id FROM "Customer" WHERE "ownerId" = ${ownerId}::uuid AND "mergedIntoId" IS NULL ORDER BY "createdAt" DESC LIMIT ${options.recent}
    ), keyed AS (
      -- What each recent customer looks up: its keys, except the words of a longer name, which only a
      -- one-word name looks up (blocking-keys.ts); a one-word name's own key looks those up too.
      SELECT k.key, k."customerId" FROM recent r JOIN "CustomerMatchKey" k ON k."customerId" = r.id WHERE k.key NOT LIKE 'o:%'
      UNION ALL
      SELECT 'o:' || substr(k.key, 3), k."customerId" FROM recent r JOIN "CustomerMatchKey" k ON k."customerId" = r.id
       WHERE k.key LIKE 'w:%' AND position(' ' in k.key) = 0
    )
    , pairs AS (
      SELECT DISTINCT LEAST(keyed."customerId", o."customerId") AS a, GREATEST(keyed."customerId", o."customerId") AS b
        FROM keyed CROSS JOIN LATERAL (
          SELECT m."customerId" FROM "CustomerMatchKey" m
           WHERE m."ownerId" = ${ownerId}::uuid AND m.key = keyed.key AND m."customerId" <> keyed."customerId"
           ORDER BY m."customerId" DESC LIMIT CASE WHEN left(keyed.key, 1) IN (${Prisma.join(STRONG_KINDS)}) THEN ${KEY_LIMITS.strong}::int ELSE ${KEY_LIMITS.weak}::int END) o
    )
    -- A pair a person decided stands apart ("Save anyway", "Not a duplicate") is not asked about again.
    SELECT p.a::text AS a, p.b::text AS b FROM pairs p
     WHERE NOT EXISTS (
       SELECT 1 FROM "CustomerDuplicateDecision" d
        WHERE (d."customerId" = p.a AND d."matchId" = p.b) OR (d."customerId" = p.b AND d."matchId" = p.a))`;
  if (pairs.length === 0) return [];

  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const rows: Member[] = await tx.customer.findMany({
    where: { id: { in: ids }, ownerId },
    select: { id: true, name: true, email: true, phone: true, company: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nameKeys = [...new Set(rows.map((r) => exactNameKey(r.name)))];
  const counts = new Map(
    (
      await tx.$queryRaw<Array<{ key: string; n: number }>>`
      SELECT key, count(*)::int AS n FROM "CustomerMatchKey" WHERE "ownerId" = ${ownerId}::uuid AND key = ANY(${nameKeys}::text[]) GROUP BY key`
    ).map((c) => [c.key, c.n]),
  );

  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  const matched: Array<[string, string[]]> = [];
  for (const { a, b } of pairs) {
    const x = byId.get(a);
    const y = byId.get(b);
    if (!x || !y) continue;
    // Both records are among the owner's: the count is of the others who bear the name.
    const s = scorePair(x, y, customerModel, config.freeMailDomains, (key) => Math.max(1, (counts.get(`n:${key}`) ?? 1) - 1));
    if (!s.isMatch) continue;
    matched.push([
      a,
      s.evidence
        .map(describeEvidence)
        .filter((e) => e.sign === "+")
        .map((e) => e.text.replace(/, (\d+% alike|written differently)$/, "")),
    ]);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  }
  const reasonsByRoot = new Map<string, Set<string>>();
  for (const [a, reasons] of matched) {
    const set = reasonsByRoot.get(find(a)) ?? new Set<string>();
    reasons.forEach((x) => set.add(x));
    reasonsByRoot.set(find(a), set);
  }
  const groups = new Map<string, DuplicateGroup>();
  for (const row of rows) {
    const root = find(row.id);
    if (!reasonsByRoot.has(root)) continue;
    const group = groups.get(root) ?? { members: [], reasons: [...reasonsByRoot.get(root)!] };
    group.members.push(row);
    groups.set(root, group);
  }
  return [...groups.values()].sort((x, y) => y.members.length - x.members.length);
}
