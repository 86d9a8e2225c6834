// Fits the model's weights on labelled pairs. The fields are not independent (colleagues share a
// company and its domain; relatives share a phone and a family name), so instead of estimating
// each level's m and u apart, as Fellegi–Sunter does, the weights are fitted together: an
// L2-regularised logistic regression over the levels, whose coefficients are log-odds weights just
// the same (in bits here). Then the threshold that best separates the labelled pairs.
import { compareCustomers, LEVELS, type Comparison, type CustomerFields, type Field, type NameCount } from "./compare.ts";
import { scoreComparisons, SET_WEIGHTS, type MatchModel } from "./model.ts";

export interface LabelledFields { same: boolean; a: CustomerFields; b: CustomerFields }

/** The precision the threshold must reach on the fitted pairs, if any threshold reaches it. */
const TARGET_PRECISION = 0.97;
const L2 = 0.01;
const STEPS = 3000;
const RATE = 0.5;

const FEATURES = (Object.keys(LEVELS) as Field[]).flatMap((f) => LEVELS[f].map((l) => `${f}:${l}`)).filter((k) => !(k in SET_WEIGHTS));

/** `nameCount`: how common each name is among the records the pairs are drawn from. */
export function fitModel(pairs: readonly LabelledFields[], freeMailDomains: readonly string[], nameCount: NameCount): MatchModel {
  const compared = pairs.map((p) => ({ same: p.same, comparisons: compareCustomers(p.a, p.b, freeMailDomains, nameCount) }));
  // One column per level, and one for how common an exact name is (log2 of its count).
  const rows = compared.map((c) => ({
    y: c.same ? 1 : 0,
    x: [...FEATURES.map((k) => (c.comparisons.some((x) => `${x.field}:${x.level}` === k) ? 1 : 0)), Math.log2(c.comparisons.find((x) => x.count)?.count ?? 1)],
  }));
  // Plain batch gradient descent: deterministic, and small enough (a few hundred rows, twenty features).
  const w = [...FEATURES.map(() => 0), 0];
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = w.map(() => 0);
    let gBias = 0;
    for (const r of rows) {
      const z = bias + r.x.reduce((s, xi, i) => s + xi * w[i], 0);
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      gBias += err;
      r.x.forEach((xi, i) => (grad[i] += err * xi));
    }
    bias -= (RATE * gBias) / rows.length;
    w.forEach((_, i) => (w[i] -= RATE * (grad[i] / rows.length + L2 * w[i])));
  }
  const bits = (nats: number) => Number((nats / Math.LN2).toFixed(3));
  const weights = { ...SET_WEIGHTS, ...Object.fromEntries(FEATURES.map((k, i) => [k, bits(w[i])])) };
  const commonestName = Math.max(1, ...compared.flatMap((c) => c.comparisons.map((x) => x.count ?? 1)));
  const model = { priorLog2Odds: bits(bias), weights, perDoublingOfName: bits(w[FEATURES.length]), commonestName, threshold: 0.5 };
  return { ...model, threshold: chooseThreshold(compared, model) };
}

/** The threshold with the best F1 among those reaching the target precision (the best F1 if none does). */
function chooseThreshold(compared: Array<{ same: boolean; comparisons: Comparison[] }>, model: MatchModel): number {
  const scored = compared.map((c) => ({ same: c.same, probability: scoreComparisons(c.comparisons, model).probability })).sort((x, y) => y.probability - x.probability);
  const positives = compared.filter((c) => c.same).length;
  let best = { threshold: 0.5, f1: -1, precise: false };
  let tp = 0;
  let fp = 0;
  scored.forEach((s, i) => {
    if (s.same) tp++;
    else fp++;
    if (scored[i + 1]?.probability === s.probability) return;
    const precision = tp / (tp + fp);
    const recall = tp / positives;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    const precise = precision >= TARGET_PRECISION;
    if ((precise && !best.precise) || (precise === best.precise && f1 > best.f1)) best = { threshold: s.probability, f1, precise };
  });
  return Number(best.threshold.toPrecision(6));
}
