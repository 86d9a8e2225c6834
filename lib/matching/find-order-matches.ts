// Orders that look like a repeat: same customer and same amount and currency within a day, or same
// customer and a very similar description within minutes. Uses the (customerId, createdAt) index.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { alike } from "./evidence/describe-evidence.ts";
import { MATCHING } from "./config.ts";

export interface OrderProbe {
  customerId: string;
  description: string;
  amountMinor: number;
  currency: string;
}

export interface OrderMatch {
  id: string;
  description: string;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  createdBy: string;
  score: number;
  reasons: string[];
}

export type OrderCandidateRow = Omit<OrderMatch, "score" | "reasons"> & { sameAmount: boolean; recent: boolean; descriptionScore: number | null };

function classifyOrderPair(r: { sameAmount: boolean; recent: boolean; descriptionScore: number }, config = MATCHING.order) {
  const reasons: string[] = [];
  let score = 0;
  if (r.sameAmount) {
    reasons.push(`same amount within ${config.sameAmountWindowHours} hours`);
    score = 0.8;
  }
  if (r.recent && r.descriptionScore >= config.descriptionSimilarity) {
    reasons.push(`similar description, ${alike(r.descriptionScore)}, within ${config.descriptionWindowMinutes} minutes`);
    score = Math.max(score, r.descriptionScore);
  }
  return { isMatch: reasons.length > 0, score: Number(score.toFixed(3)), reasons };
}

/**
 * The owner's orders of the same customer that look like a repeat, each with what the check
 * weighs. The WHERE clause is classifyOrderPair's rule, so that only matches leave the database:
 * otherwise each save carries the customer's every order of the day to the app, to be turned down
 * there, and slows as that customer's orders grow.
 */
export function orderCandidates(ownerId: string, probe: OrderProbe, options: { excludeId?: string } = {}, config = MATCHING.order): Prisma.Sql {
  const description = probe.description.slice(0, 500);
  return Prisma.sql`
    SELECT o.id::text AS id, o.description, o."amountMinor", o.currency::text AS currency, o."createdAt", u.email AS "createdBy",
           (o."amountMinor" = ${probe.amountMinor} AND o.currency = ${probe.currency}) AS "sameAmount",
           o."createdAt" >= now() - make_interval(mins => ${config.descriptionWindowMinutes}::int) AS recent,
           similarity(o.description, ${description}) AS "descriptionScore"
      FROM "Order" o JOIN "User" u ON u.id = o."ownerId"
     WHERE o."customerId" = ${probe.customerId}::uuid AND o."ownerId" = ${ownerId}::uuid
       AND o."createdAt" >= now() - make_interval(hours => ${config.sameAmountWindowHours}::int)
       AND o.id::text <> ${options.excludeId ?? ""}
       AND ((o."amountMinor" = ${probe.amountMinor} AND o.currency = ${probe.currency})
         OR (o."createdAt" >= now() - make_interval(mins => ${config.descriptionWindowMinutes}::int)
             AND similarity(o.description, ${description}) >= ${config.descriptionSimilarity}::real))`;
}

/** The candidates that look like a repeat, most alike first. */
export function orderMatchesFrom(rows: readonly OrderCandidateRow[], config = MATCHING.order): OrderMatch[] {
  return rows
    .map((r) => {
      const v = classifyOrderPair({ sameAmount: r.sameAmount, recent: r.recent, descriptionScore: Number(r.descriptionScore ?? 0) }, config);
      return { id: r.id, description: r.description, amountMinor: r.amountMinor, currency: r.currency, createdAt: r.createdAt, createdBy: r.createdBy, ...v };
    })
    .filter((m) => m.isMatch)
    .map(({ isMatch: _isMatch, ...m }) => (void _isMatch, m))
    .sort((a, b) => b.score - a.score || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, config.maxResults);
}
