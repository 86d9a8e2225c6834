// Measures near-match detection the way a person meets it: records are typed into one owner's book
// one after another, and each, before it is saved, is looked up among those already there, with
// the app's own blocking keys, per-key limits (newest first), candidate cap, name counts and
// scoring. A record whose true cluster already has a record in the book is a duplicate: it should
// be asked about.
//
// The index is kept in memory here, so that thousands of records are measured in seconds; the
// lookup is the one the SQL in find-customer-matches.ts runs (same keys, limits, ranking and order).
import { jaroWinkler } from "@skyra/jaro-winkler";
import { MATCHING } from "../../matching/config.ts";
import { addressParts } from "../../matching/evidence/address.ts";
import { blockingKeys } from "../../matching/evidence/blocking-keys.ts";
import { compareCustomers, type Comparison } from "../../matching/evidence/compare.ts";
import { nameTokens } from "../../matching/evidence/name-tokens.ts";
import { scoreComparisons, type MatchModel } from "../../matching/evidence/model.ts";
import type { CustomerRecord } from "./fixtures/generate-realistic-pairs.ts";
import type { SourceRecord } from "./fixtures/public-sources.ts";

interface ScoredCandidate {
  same: boolean;
  comparisons: Comparison[];
  probe: CustomerRecord;
  candidate: CustomerRecord;
}

export interface BookResult {
  records: number;
  /** Records whose cluster already had one in the book when they were typed. */
  duplicates: number;
  /** …of which the fields could link to an earlier one at all (see `linkable`). */
  linkable: number;
  /** Duplicates for which an earlier record of the cluster reached scoring (pair completeness), and of those linkable. */
  reached: number;
  reachedLinkable: number;
  /** Duplicates asked about with a record of their own cluster among the matches shown. */
  found: number;
  /** Linkable duplicates found. */
  foundLinkable: number;
  /** Records that were asked about (any match shown), and those whose shown matches held none of their cluster. */
  prompts: number;
  falseAlarms: number;
  /** Candidates scored per probe. */
  candidates: number[];
  missed: Array<{ probe: CustomerRecord; earlier: CustomerRecord; reached: boolean }>;
  alarms: Array<{ probe: CustomerRecord; shown: CustomerRecord }>;
  /** Every scored candidate pair, labelled: what the model is fitted on. */
  scored: ScoredCandidate[];
  /**
   * Per record: the highest probability among its candidates and among those of its own cluster
   * (1 where a shared mailbox asks whatever the score), so a threshold can be chosen without
   * scoring again.
   */
  probes: Array<{ duplicate: boolean; linkable: boolean; best: number; bestSame: number }>;
}

/**
 * Could anyone link the two by their fields? The same email or phone, the same house (its number
 * in the same postcode or on a street spelled nearly alike), or every word of the shorter
 * name close to its own word of the longer one (Jaro–Winkler ≥ 0.8, or an initial of it). A name
 * with a word replaced and nothing else shared ("Zoe Campbell", "Sean Campbell") is two people to
 * any reader: such duplicates are reported apart, not counted as misses of what the fields allow.
 */
function linkable(a: CustomerRecord, b: CustomerRecord): boolean {
  if (a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase()) return true;
  if (a.phone && b.phone && a.phone.replace(/\D/g, "").slice(-7) === b.phone.replace(/\D/g, "").slice(-7)) return true;
  const [x, y] = [addressParts(a), addressParts(b)];
  if (x.number && x.number === y.number && ((x.postcode && x.postcode === y.postcode) || (x.street && y.street && jaroWinkler(x.street, y.street) >= 0.8)))
    return true;
  const wa = nameTokens(a.name).words;
  const wb = nameTokens(b.name).words;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length === 0) return false;
  const close = (x: string, y: string) => jaroWinkler(x, y) >= 0.8 || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
  const used = new Set<number>();
  return short.every((w) => {
    const j = long.findIndex((l, i) => !used.has(i) && close(w, l));
    if (j < 0) return false;
    used.add(j);
    return true;
  });
}

export function evaluateBook(records: readonly SourceRecord[], model: MatchModel, config = MATCHING.customer): BookResult {
  const index = new Map<string, number[]>();
  const r: BookResult = {
    records: records.length,
    duplicates: 0,
    linkable: 0,
    reached: 0,
    reachedLinkable: 0,
    found: 0,
    foundLinkable: 0,
    prompts: 0,
    falseAlarms: 0,
    candidates: [],
    missed: [],
    alarms: [],
    scored: [],
    probes: [],
  };
  const seenClusters = new Map<string, number[]>();
  records.forEach(({ cluster, record }, i) => {
    const keys = blockingKeys(record, config.freeMailDomains);
    const shared = new Map<number, number>();
    for (const { key, limit, weight } of keys.probe) {
      const brought = (index.get(key) ?? []).slice(-limit);
      for (const j of brought) shared.set(j, (shared.get(j) ?? 0) + weight / brought.length);
    }
    const ranked = [...shared].sort(([j, w], [k, v]) => v - w || k - j).slice(0, config.maxCandidates);
    const candidates = new Set(ranked.map(([j]) => j));
    const nameCount = Math.max(1, Math.min(config.maxNameCount, index.get(keys.stored[0])?.length ?? 0));
    const scored = [...candidates].map((j) => {
      const comparisons = compareCustomers(record, records[j].record, config.freeMailDomains, () => nameCount);
      r.scored.push({ same: records[j].cluster === cluster, comparisons, probe: record, candidate: records[j].record });
      return { j, score: scoreComparisons(comparisons, model) };
    });
    const shown = scored
      .filter((s) => s.score.isMatch)
      .sort((x, y) => y.score.probability - x.score.probability || y.j - x.j)
      .slice(0, config.maxResults);
    r.candidates.push(candidates.size);
    const earlier = seenClusters.get(cluster) ?? [];
    const asks = (x: (typeof scored)[number]) => (x.score.isMatch && x.score.probability < model.threshold ? 1 : x.score.probability);
    const canLink = earlier.some((j) => linkable(record, records[j].record));
    r.probes.push({
      duplicate: earlier.length > 0,
      linkable: canLink,
      best: Math.max(0, ...scored.map(asks)),
      bestSame: Math.max(0, ...scored.filter((x) => records[x.j].cluster === cluster).map(asks)),
    });
    const hit = shown.some((s) => records[s.j].cluster === cluster);
    if (shown.length > 0) {
      r.prompts++;
      if (!hit) {
        r.falseAlarms++;
        r.alarms.push({ probe: record, shown: records[shown[0].j].record });
      }
    }
    if (earlier.length > 0) {
      r.duplicates++;
      if (canLink) r.linkable++;
      const reached = earlier.some((j) => candidates.has(j));
      if (reached) r.reached++;
      if (reached && canLink) r.reachedLinkable++;
      if (hit) {
        r.found++;
        if (canLink) r.foundLinkable++;
      } else if (canLink) r.missed.push({ probe: record, earlier: records[earlier[earlier.length - 1]].record, reached });
    }
    seenClusters.set(cluster, [...earlier, i]);
    for (const key of keys.stored) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  return r;
}

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The figures `eval:match` prints and the tests hold: precision of prompts, recall of duplicates. */
export function bookFigures(r: BookResult) {
  const precision = r.prompts === 0 ? 1 : (r.prompts - r.falseAlarms) / r.prompts;
  const recall = r.found / Math.max(1, r.duplicates);
  const recallLinkable = r.foundLinkable / Math.max(1, r.linkable);
  return {
    precision,
    recall,
    recallLinkable,
    f1: precision + recallLinkable > 0 ? (2 * precision * recallLinkable) / (precision + recallLinkable) : 0,
    completeness: r.reached / Math.max(1, r.duplicates),
    completenessLinkable: r.reachedLinkable / Math.max(1, r.linkable),
    candidatesP50: percentile(r.candidates, 50),
    candidatesP95: percentile(r.candidates, 95),
  };
}
