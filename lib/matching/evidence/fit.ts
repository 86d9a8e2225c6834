// Fits the model's weights on labelled pairs. The fields are not independent (colleagues share a
// company and its domain; relatives share a phone and a family name), so instead of estimating
// each level's m and u apart, as Fellegi–Sunter does, the weights are fitted together: an
// L2-regularised logistic regression over the levels, whose coefficients are log-odds weights just
// the same (in bits here). Then the threshold that best separates the labelled pairs.
import { LEVELS, type Comparison, type Field } from "./compare.ts";
import { scoreComparisons, SET_WEIGHTS, type MatchModel } from "./model.ts";

/** The precision the threshold must reach on the fitted pairs, if any threshold reaches it. */
const TARGET_PRECISION = 0.97;
const L2 = 0.01;
const STEPS = 3000;
const RATE = 0.5;

const FEATURES = (Object.keys(LEVELS) as Field[]).flatMap((f) => LEVELS[f].map((l) => `${f}:${l}`)).filter((k) => !(k in SET_WEIGHTS));

export interface ComparedPair { same: boolean; comparisons: Comparison[]; /** How much the pair counts in the fit (1 by default). */ weight?: number }

export function fitComparisons(compared: readonly ComparedPair[]): MatchModel {
  // One column per level, and one for how common an exact name is (log2 of its count). Identical
  // rows are fitted once with their summed weight: tens of thousands of candidate pairs hold a few
  // hundred distinct patterns.
  const patterns = new Map<string, { y: number; x: number[]; n: number }>();
  for (const c of compared) {
    const x = [...FEATURES.map((k) => (c.comparisons.some((x) => `${x.field}:${x.level}` === k) ? 1 : 0)), Math.log2(c.comparisons.find((x) => x.count)?.count ?? 1)];
    const id = `${c.same ? 1 : 0}|${x.join(",")}`;
    const row = patterns.get(id) ?? { y: c.same ? 1 : 0, x, n: 0 };
    row.n += c.weight ?? 1;
    patterns.set(id, row);
  }
  const rows = [...patterns.values()];
  const total = rows.reduce((s, r) => s + r.n, 0);
  // Plain batch gradient descent: deterministic, and small (a few hundred patterns, twenty-odd features).
  const w = [...FEATURES.map(() => 0), 0];
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = w.map(() => 0);
    let gBias = 0;
    for (const r of rows) {
      const z = bias + r.x.reduce((s, xi, i) => s + xi * w[i], 0);
      const err = (1 / (1 + Math.exp(-z)) - r.y) * r.n;
      gBias += err;
      r.x.forEach((xi, i) => (grad[i] += err * xi));
    }
    bias -= (RATE * gBias) / total;
    w.forEach((_, i) => (w[i] -= RATE * (grad[i] / total + L2 * w[i])));
  }
  const bits = (nats: number) => Number((nats / Math.LN2).toFixed(3));
  const weights = { ...SET_WEIGHTS, ...Object.fromEntries(FEATURES.map((k, i) => [k, bits(w[i])])) };
  const commonestName = Math.max(1, ...compared.flatMap((c) => c.comparisons.map((x) => x.count ?? 1)));
  const model = { priorLog2Odds: bits(bias), weights, perDoublingOfName: bits(w[FEATURES.length]), commonestName, threshold: 0.5 };
  return { ...model, threshold: chooseThreshold(compared, model) };
}

/** The threshold with the best F1 among those reaching the target precision (the best F1 if none does). */
function chooseThreshold(compared: readonly ComparedPair[], model: MatchModel): number {
  const scored = compared.map((c) => ({ same: c.same, weight: c.weight ?? 1, probability: scoreComparisons(c.comparisons, model).probability })).sort((x, y) => y.probability - x.probability);
  const positives = compared.reduce((s, c) => s + (c.same ? (c.weight ?? 1) : 0), 0);
  let best = { threshold: 0.5, f1: -1, precise: false };
  let tp = 0;
  let fp = 0;
  scored.forEach((s, i) => {
    if (s.same) tp += s.weight;
    else fp += s.weight;
    if (scored[i + 1]?.probability === s.probability) return;
    const precision = tp / (tp + fp);
    const recall = tp / positives;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    const precise = precision >= TARGET_PRECISION;
    if ((precise && !best.precise) || (precise === best.precise && f1 > best.f1)) best = { threshold: s.probability, f1, precise };
  });
  return Number(best.threshold.toPrecision(6));
}
