// `npm run fit:match`: fits the customer scoring model on the "fit" part of the realistic labelled
// pairs (never the held-out part) and writes lib/matching/evidence/model.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { MATCHING } from "../matching/config.ts";
import { fitModel } from "../matching/evidence/fit.ts";
import { populationNameCount } from "../matching/evidence/name-count.ts";
import { generatePopulationNames, generateRealisticPairs } from "../matching/fixtures/generate-realistic-pairs.ts";

const fit = generateRealisticPairs().filter((p) => p.part === "fit");
const model = fitModel(fit, MATCHING.customer.freeMailDomains, populationNameCount(generatePopulationNames()));
const file = path.resolve(import.meta.dirname, "../matching/evidence/model.json");
writeFileSync(file, JSON.stringify(model, null, 2) + "\n");
console.log(`fitted on ${fit.length} pairs; threshold ${model.threshold}; wrote ${path.relative(process.cwd(), file)}`);
console.log(model.weights);
