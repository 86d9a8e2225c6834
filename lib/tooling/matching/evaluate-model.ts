// The evidence-weighted model on the realistic labelled pairs, each pair scored directly, with name
// frequencies from the generated customer base the pairs could come from.
import type { RealisticPair } from "./fixtures/generate-realistic-pairs.ts";
import { generatePopulationNames } from "./fixtures/generate-realistic-pairs.ts";
import model from "../../matching/evidence/model.json" with { type: "json" };
import { scorePair, type Score } from "../../matching/evidence/model.ts";
import { populationNameCount } from "../../matching/evidence/name-count.ts";

export function scoreRealisticPairs(pairs: readonly RealisticPair[], freeMailDomains: readonly string[]): Score[] {
  const nameCount = populationNameCount(generatePopulationNames());
  return pairs.map((p) => scorePair(p.a, p.b, model, freeMailDomains, nameCount));
}
