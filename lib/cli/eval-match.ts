// `npm run eval:match`: precision and recall of the customer near-match rules on the labelled pairs
// in lib/matching/fixtures, on a throw-away embedded database (or TEST_DATABASE_URL's server).
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../db/create-client.ts";
import { evaluatePairs } from "../matching/evaluate.ts";
import type { LabelledPair } from "../matching/fixtures/generate-pairs.ts";
import { createTestDatabase } from "../testing/test-database.ts";

const pairs: LabelledPair[] = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../matching/fixtures/customer-pairs.json"), "utf8"));
const db = await createTestDatabase();
const prisma = createPrismaClient(db.url, db.kind === "embedded" ? 1 : 10);
try {
  const e = await evaluatePairs(prisma, pairs);
  console.log(`${e.pairs} labelled pairs (${e.truePositives + e.falseNegatives} same customer), ${db.kind} database\n`);
  console.log("| kind | pairs | correct |\n| --- | --- | --- |");
  for (const [kind, k] of Object.entries(e.byKind)) console.log(`| ${kind} | ${k.pairs} | ${k.correct} |`);
  console.log(`\ntrue positives ${e.truePositives}, false positives ${e.falsePositives}, false negatives ${e.falseNegatives}, true negatives ${e.trueNegatives}`);
  console.log(`precision ${e.precision.toFixed(3)} (target ≥ 0.95), recall ${e.recall.toFixed(3)} (target ≥ 0.90)`);
} finally {
  await prisma.$disconnect();
  await db.close();
}
