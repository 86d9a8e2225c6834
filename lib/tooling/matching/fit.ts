// Fits the model's weights on labelled pairs. The fields are not independent (colleagues share a
// company and its domain; relatives share a phone and a family name), so instead of estimating
// each level's m and u apart, as Fellegi–Sunter does, the weights are fitted together: an
// L2-regularised logistic regression over the levels, whose coefficients are log-odds weights just
// the same (in bits here). Then the threshold that best separates the labelled pairs.
import { Matrix, solve } from "ml-matrix";
import { LEVELS, type Comparison, type Field } from "../../matching/evidence/compare.ts";
import { scoreComparisons, SET_WEIGHTS, type MatchModel } from "../../matching/evidence/model.ts";

/** The precision the threshold must reach on the fitted pairs, if any threshold reaches it. */
const TARGET_PRECISION = 0.97;
/**
 * The ridge penalty per unit of pair weight: keeps levels that few pairs show near zero. Of 0.01
 * (used before addresses) and 0.001, the fit parts alone pick 0.001: their worst F1 is 0.976
 * against 0.952 (febrl-2 fit, `npm run eval:match`).
 */
const L2 = 0.001;
/** Newton's method converges in a handful of steps on a problem this small; this many is plenty. */
const NEWTON_STEPS = 30;

const FEATURES = (Object.keys(LEVELS) as Field[]).flatMap((f) => LEVELS[f].map((l) => `${f}:${l}`)).filter((k) => !(k in SET_WEIGHTS));

/**
 * Agreement is never evidence against, and disagreement never evidence for. Left free, the fit
 * can give "same phone" a negative weight because the labelled data over-samples relatives who
 * share one, which would show a person "same phone" as a reason against; such a level is held at
 * zero instead and the rest refitted around it.
 */
export const LEVEL_SIGNS: Record<string, 1 | -1> = {
  "email:same": 1,
  "domain:same": 1,
  "phone:same": 1,
  "phone:same-ending": 1,
  "name:exact": 1,
  "name:exact-one-word": 1,
  "name:one-typo": 1,
  "name:equivalent": 1,
  "company:exact": 1,
  "company:similar": 1,
  "company:one-name-is-the-other-company": 1,
  "address:same": 1,
  "address:same-street": 1,
  "email:different": -1,
  "phone:different": -1,
  "name:different": -1,
  "company:different": -1,
  "address:different": -1,
};

export interface ComparedPair {
  same: boolean;
  comparisons: Comparison[];
  /** How much the pair counts in the fit (1 by default). */ weight?: number;
}

export function fitComparisons(compared: readonly ComparedPair[]): MatchModel {
  // One column per level, and one for how common an exact name is (log2 of its count). Identical
  // rows are fitted once with their summed weight: tens of thousands of candidate pairs hold a few
  // hundred distinct patterns.
  // Levels with set weights enter as fixed offsets: a parent and child who share a name and a phone
  // are told apart by "Jr." and "Sr.", and must not teach the fit that a shared phone is weak.
  const patterns = new Map<string, Row>();
  for (const c of compared) {
    const x = [
      ...FEATURES.map((k) => (c.comparisons.some((x) => `${x.field}:${x.level}` === k) ? 1 : 0)),
      Math.log2(c.comparisons.find((x) => x.count)?.count ?? 1),
    ];
    const offset = c.comparisons.reduce((s, x) => s + (SET_WEIGHTS[`${x.field}:${x.level}`] ?? 0) * Math.LN2, 0);
    const id = `${c.same ? 1 : 0}|${offset}|${x.join(",")}`;
    const row = patterns.get(id) ?? { y: c.same ? 1 : 0, x, n: 0, offset };
    row.n += c.weight ?? 1;
    patterns.set(id, row);
  }
  const rows = [...patterns.values()];
  const total = rows.reduce((s, r) => s + r.n, 0);
  // Active set: fit, hold the level that most breaks its sign at zero, fit again, until none does.
  const held = new Set<number>();
  let bias: number;
  let w: number[];
  for (;;) {
    [bias, ...w] = newton(
      rows.map((r) => ({ ...r, x: [1, ...r.x.map((xi, i) => (held.has(i) ? 0 : xi))] })),
      L2 * total,
    );
    const broken = FEATURES.map((k, i) => ({ i, by: (LEVEL_SIGNS[k] ?? 0) * -w[i] }))
      .filter((b) => b.by > 1e-9)
      .sort((a, b) => b.by - a.by);
    if (broken.length === 0) break;
    held.add(broken[0].i);
  }
  const bits = (nats: number) => Number((nats / Math.LN2).toFixed(3));
  const weights = { ...SET_WEIGHTS, ...Object.fromEntries(FEATURES.map((k, i) => [k, bits(w[i])])) };
  const commonestName = Math.max(1, ...compared.flatMap((c) => c.comparisons.map((x) => x.count ?? 1)));
  const model = { priorLog2Odds: bits(bias), weights, perDoublingOfName: bits(w[FEATURES.length]), commonestName, threshold: 0.5 };
  return { ...model, threshold: chooseThreshold(compared, model) };
}

/** The threshold with the best F1 among those reaching the target precision (the best F1 if none does). */
function chooseThreshold(compared: readonly ComparedPair[], model: MatchModel): number {
  const scored = compared
    .map((c) => ({ same: c.same, weight: c.weight ?? 1, probability: scoreComparisons(c.comparisons, model).probability }))
    .sort((x, y) => y.probability - x.probability);
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

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
 * deterministic, and exact where gradient descent stops short on levels few pairs show. The first
 * column is the intercept, which is not penalised.
 */
interface Row {
  y: number;
  x: number[];
  n: number;
  offset: number;
}

function newton(rows: readonly Row[], lambda: number): number[] {
  const d = rows[0]?.x.length ?? 1;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const g = w.map((wi, i) => (i === 0 ? 0 : lambda * wi));
    const h = w.map((_, i) => w.map((__, j) => (i === j && i > 0 ? lambda : 0)));
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-r.x.reduce((s, xi, i) => s + xi * w[i], r.offset)));
      const c = p * (1 - p) * r.n;
      for (let i = 0; i < d; i++) {
        if (r.x[i] === 0) continue;
        g[i] += (p - r.y) * r.n * r.x[i];
        for (let j = 0; j < d; j++) h[i][j] += c * r.x[i] * r.x[j];
      }
    }
    // A level no pair shows has a zero row but for its penalty: the solve leaves it at zero.
    const step_ = solve(
      new Matrix(h.map((row, i) => (row.every((v) => v === 0) ? row.map((_, j) => (j === i ? 1 : 0)) : row))),
      Matrix.columnVector(g),
    ).to1DArray();
    let moved = 0;
    for (let i = 0; i < d; i++) {
      w[i] -= step_[i];
      moved = Math.max(moved, Math.abs(step_[i]));
    }
    if (moved < 1e-9) break;
  }
  return w;
}
