// Fellegi–Sunter: each comparison level carries a weight, log2(m / u), where m is how often the
// level occurs when two records are the same customer and u how often it occurs when they are not.
// The weights add up (with the prior odds) to the log-odds that the pair is a match.
import { compareCustomers, type Comparison, type CustomerFields, type Field, type NameCount } from "./compare.ts";

export interface MatchModel {
  /** log2 of the prior odds that a compared pair is a match. */
  priorLog2Odds: number;
  /** A pair is a match at or above this probability. */
  threshold: number;
  /** "field:level" → weight in bits. */
  weights: Record<string, number>;
  /** Added per doubling of how many of the owner's records share an exact name (negative: common names weigh less). */
  perDoublingOfName: number;
  /**
   * The most bearers of one name among the records the model was fitted on. A name more common
   * than that weighs as much as it: the fitted slope says nothing about counts it never saw, and
   * followed further it would outweigh a shared email (500 "John Smith"s would be −14.6 bits).
   */
  commonestName: number;
}

export interface Evidence {
  field: Field;
  level: string;
  weight: number;
  detail?: string;
  count?: number;
}
export interface Score {
  probability: number;
  isMatch: boolean;
  evidence: Evidence[];
}

const key = (c: { field: string; level: string }) => `${c.field}:${c.level}`;

export function scoreComparisons(comparisons: Comparison[], model: MatchModel): Score {
  const evidence = comparisons.map((c) => ({
    field: c.field,
    level: c.level,
    weight: (model.weights[key(c)] ?? 0) + (c.count ? model.perDoublingOfName * Math.log2(Math.min(c.count, model.commonestName)) : 0),
    detail: c.detail,
    count: c.count,
  }));
  const log2Odds = model.priorLog2Odds + evidence.reduce((s, e) => s + e.weight, 0);
  const probability = 1 / (1 + 2 ** -log2Odds);
  // A shared mailbox is the strongest thing a person gives us, and the commonest real duplicates
  // (a new surname after marriage, a typo) keep it: the same email always asks, whatever the names
  // weigh. A policy, not a fitted weight; the probability shown stays the model's.
  const sameMailbox = comparisons.some((c) => c.field === "email" && c.level === "same");
  return { probability, isMatch: sameMailbox || probability >= model.threshold, evidence };
}

export function scorePair(a: CustomerFields, b: CustomerFields, model: MatchModel, freeMailDomains: readonly string[], nameCount?: NameCount): Score {
  return scoreComparisons(compareCustomers(a, b, freeMailDomains, nameCount), model);
}

/**
 * Set, not estimated, because no labelled data holds them: "Jr." against "Sr." is two people by
 * definition; two countries are weak evidence against (people move, and a company has offices
 * abroad), about what a replaced word of a name weighs.
 */
export const SET_WEIGHTS: Record<string, number> = { "generation:different": -20, "country:different": -1.5 };
