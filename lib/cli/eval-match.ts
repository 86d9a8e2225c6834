// `npm run eval:match`: precision and recall of the customer near-match rules, on a throw-away
// embedded database (or TEST_DATABASE_URL's server), on two labelled sets in lib/matching/fixtures:
// - customer-pairs.json, generated from short name lists (the set the current rules were built with);
// - realistic-pairs.json, from faker's locale data and hand-written hard cases, with a held-out part
//   that nothing may be fitted or tuned on. Its figures are reported per part, held-out first.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../db/create-client.ts";
import { predictPairs, score, type Evaluation } from "../matching/evaluate.ts";
import type { LabelledPair } from "../matching/fixtures/generate-pairs.ts";
import type { RealisticPair } from "../matching/fixtures/generate-realistic-pairs.ts";
import { createTestDatabase } from "../testing/test-database.ts";

const fixture = <T,>(name: string): T[] => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../matching/fixtures", name), "utf8"));
const built = fixture<LabelledPair>("customer-pairs.json");
const realistic = fixture<RealisticPair>("realistic-pairs.json");
const figures = (e: Evaluation) => `precision ${e.precision.toFixed(3)}, recall ${e.recall.toFixed(3)}, F1 ${e.f1.toFixed(3)}`;
const counts = (e: Evaluation) => `${e.truePositives} true positives, ${e.falsePositives} false positives, ${e.falseNegatives} false negatives, ${e.trueNegatives} true negatives`;

const db = await createTestDatabase();
const prisma = createPrismaClient(db.url, db.kind === "embedded" ? 1 : 10);
try {
  const builtScore = score(built, await predictPairs(prisma, built));
  console.log(`## The set the rules were built with: ${builtScore.pairs} pairs (${builtScore.truePositives + builtScore.falseNegatives} same customer), ${db.kind} database\n`);
  console.log("| kind | pairs | correct |\n| --- | --- | --- |");
  for (const [kind, k] of Object.entries(builtScore.byKind)) console.log(`| ${kind} | ${k.pairs} | ${k.correct} |`);
  console.log(`\n${counts(builtScore)}\n${figures(builtScore)}\n`);

  const predicted = await predictPairs(prisma, realistic);
  const part = (name: RealisticPair["part"]) => {
    const index = realistic.flatMap((p, i) => (p.part === name ? [i] : []));
    return { index, e: score(index.map((i) => realistic[i]), index.map((i) => predicted[i])) };
  };
  const held = part("held-out");
  const fit = part("fit");
  console.log(`## Realistic pairs: ${realistic.length} (${realistic.filter((p) => p.same).length} same customer), ${held.e.pairs} held out\n`);
  console.log(`held-out: ${figures(held.e)} (targets: precision ≥ 0.97, recall ≥ 0.95)\n          ${counts(held.e)}`);
  console.log(`fit:      ${figures(fit.e)}\n`);
  console.log("| category | same customer | held-out correct | fit correct |\n| --- | --- | --- | --- |");
  for (const kind of new Set(realistic.map((p) => p.kind))) {
    const same = realistic.find((p) => p.kind === kind)!.same ? "yes" : "no";
    const h = held.e.byKind[kind];
    const f = fit.e.byKind[kind];
    console.log(`| ${kind} | ${same} | ${h.correct} / ${h.pairs} | ${f.correct} / ${f.pairs} |`);
  }
  const misses = held.index.filter((i) => predicted[i] !== realistic[i].same);
  console.log(`\nHeld-out misses (${misses.length}):`);
  for (const i of misses) {
    const p = realistic[i];
    console.log(`- ${p.same ? "missed" : "false alarm"} [${p.kind}] ${JSON.stringify(p.a)} ~ ${JSON.stringify(p.b)}`);
  }
} finally {
  await prisma.$disconnect();
  await db.close();
}
