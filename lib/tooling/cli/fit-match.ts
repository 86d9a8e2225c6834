// `npm run fit:match`: fits the customer scoring model on the "fit" part of every labelled source
// (the generator's realistic pairs and the public sets; never a held-out part) and writes
// lib/matching/evidence/model.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { MATCHING } from "../../matching/config.ts";
import { fitCustomerModel } from "../matching/training-pairs.ts";
import { generateRealisticPairs } from "../matching/fixtures/generate-realistic-pairs.ts";

const model = fitCustomerModel(generateRealisticPairs(), MATCHING.customer.freeMailDomains);
const file = path.resolve(import.meta.dirname, "../../matching/evidence/model.json");
writeFileSync(file, JSON.stringify(model, null, 2) + "\n");
console.log(`fitted; threshold ${model.threshold}; wrote ${path.relative(process.cwd(), file)}`);
console.log(model.weights);
