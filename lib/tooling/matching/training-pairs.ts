// What the customer model is fitted on: the "fit" part of every labelled source, never a held-out
// part. The generator's pairs as they are; from each public source, every pair its fit records
// bring to scoring when typed one after another (so its non-matches are the hard ones blocking
// really produces: shared surnames, one-word names, sound-alikes, shared business words).
import { evaluateBook } from "./evaluate-book.ts";
import { generatePopulationNames, type RealisticPair } from "./fixtures/generate-realistic-pairs.ts";
import { publicSources } from "./fixtures/public-sources.ts";
import { compareCustomers, type Comparison } from "../../matching/evidence/compare.ts";
import { fitComparisons, type ComparedPair } from "./fit.ts";
import { scoreComparisons, type MatchModel } from "../../matching/evidence/model.ts";
import { populationNameCount } from "../../matching/evidence/name-count.ts";

/** Scoring needs a model only to pick what is shown; the candidate pairs do not depend on it. */
const ANY_MODEL: MatchModel = { priorLog2Odds: 0, threshold: 1, weights: {}, perDoublingOfName: 0, commonestName: 1 };

/**
 * Each group of sources weighs the same in the fit, whatever its size: the generator's pairs (the
 * only ones with emails, phones and companies), Febrl's people, PATSTAT's businesses.
 */
function trainingPairs(generated: readonly RealisticPair[], freeMailDomains: readonly string[]): ComparedPair[] {
  const groups: ComparedPair[][] = [generatedFit(generated, freeMailDomains)];
  const sources = publicSources();
  // In these sets a repeated name is mostly one person typed again (Febrl draws several copies of a
  // person; a PATSTAT applicant has dozens of records), so their counts say nothing about how
  // common a name is among different people: that slope is learned from the generator's population.
  const uncounted = (c: Comparison[]) => c.map((x) => (x.count ? { ...x, count: 1 } : x));
  const candidates = (names: string[]) =>
    sources
      .filter((s) => names.includes(s.name))
      .flatMap((s) => evaluateBook(s.fit, ANY_MODEL).scored.map((c) => ({ same: c.same, comparisons: uncounted(c.comparisons) })));
  groups.push(candidates(["febrl-1", "febrl-2", "febrl-4"]), candidates(["patstat"]));
  const largest = Math.max(...groups.map((g) => g.length));
  return groups.flatMap((g) => g.map((p) => ({ ...p, weight: largest / g.length })));
}

function generatedFit(generated: readonly RealisticPair[], freeMailDomains: readonly string[]): ComparedPair[] {
  const nameCount = populationNameCount(generatePopulationNames());
  return generated.filter((p) => p.part === "fit").map((p) => ({ same: p.same, comparisons: compareCustomers(p.a, p.b, freeMailDomains, nameCount) }));
}

const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const precision = (tp: number, fp: number) => (tp + fp === 0 ? 1 : tp / (tp + fp));

/** The precision each fit part must keep, as the targets ask of the held-out parts. */
const PRECISION_TARGET = { generator: 0.97, public: 0.95 };

/**
 * The weights from the pooled fit pairs; then the threshold at which the worst of the sources'
 * fit parts does best (F1 of prompts against duplicates the fields can link, or of pairs for the
 * generator), so that no one kind of data pays for the others, among the thresholds at which every
 * fit part keeps its precision target (any threshold, if none does).
 */
export function fitCustomerModel(generated: readonly RealisticPair[], freeMailDomains: readonly string[]): MatchModel {
  const model = fitComparisons(trainingPairs(generated, freeMailDomains));
  const books = publicSources().map((s) => evaluateBook(s.fit, model).probes);
  const pairs = generatedFit(generated, freeMailDomains).map((p) => ({ same: p.same, score: scoreComparisons(p.comparisons, model) }));
  let best = { threshold: model.threshold, worst: -1, precise: false };
  for (let t = 0.05; t < 0.995; t += 0.005) {
    const threshold = Number(t.toFixed(3));
    const asks = (p: number) => p >= threshold;
    const perBook = books.map((probes) => {
      const prompts = probes.filter((p) => asks(p.best));
      const hits = prompts.filter((p) => asks(p.bestSame)).length;
      const linkable = probes.filter((p) => p.duplicate && p.linkable);
      const found = linkable.filter((p) => asks(p.bestSame)).length;
      return { f1: f1(found, prompts.length - hits, linkable.length - found), precise: precision(hits, prompts.length - hits) >= PRECISION_TARGET.public };
    });
    const predicted = pairs.map((p) => (p.score.isMatch && p.score.probability < model.threshold ? true : asks(p.score.probability)));
    const tp = pairs.filter((p, i) => p.same && predicted[i]).length;
    const fp = pairs.filter((p, i) => !p.same && predicted[i]).length;
    const worst = Math.min(f1(tp, fp, pairs.filter((p) => p.same).length - tp), ...perBook.map((b) => b.f1));
    const precise = precision(tp, fp) >= PRECISION_TARGET.generator && perBook.every((b) => b.precise);
    if ((precise && !best.precise) || (precise === best.precise && worst > best.worst)) best = { threshold, worst, precise };
  }
  return { ...model, threshold: best.threshold };
}
