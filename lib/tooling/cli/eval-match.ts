// `npm run eval:match`: quality of customer near-match on labelled data made by other people
// (Febrl, PATSTAT: lib/tooling/matching/fixtures/public-sources.ts), each source's held-out part typed into
// one book record by record with the app's keys, limits and model; then on the realistic labelled pairs
// (lib/tooling/matching/fixtures/realistic-pairs.json, from faker's locale data and hand-written hard cases),
// through the real save and match query on a throw-away embedded database (or TEST_DATABASE_URL's
// server), with the pairs' records among a population of 20,000 names. Reported per part, held-out
// first: nothing may be fitted or tuned on the held-out part.
import { readFileSync } from "node:fs";
import { createPrismaClient } from "../../db/create-client.ts";
import { MATCHING } from "../../matching/config.ts";
import { predictPairs, score, sharesAKey, type Evaluation } from "../bench/match-evaluation.ts";
import { scoreRealisticPairs } from "../matching/evaluate-model.ts";
import { generatePopulationNames, REALISTIC_PAIRS_FILE, type RealisticPair } from "../matching/fixtures/generate-realistic-pairs.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { bookFigures, evaluateBook } from "../matching/evaluate-book.ts";
import { customerModel } from "../../matching/evidence/customer-model.ts";
import { publicSources } from "../matching/fixtures/public-sources.ts";

const realistic: RealisticPair[] = JSON.parse(readFileSync(REALISTIC_PAIRS_FILE, "utf8"));
const figures = (e: Evaluation) => `precision ${e.precision.toFixed(3)}, recall ${e.recall.toFixed(3)}, F1 ${e.f1.toFixed(3)}`;
const counts = (e: Evaluation) =>
  `${e.truePositives} true positives, ${e.falsePositives} false positives, ${e.falseNegatives} false negatives, ${e.trueNegatives} true negatives`;
const indexOf = (part: RealisticPair["part"]) => realistic.flatMap((p, i) => (p.part === part ? [i] : []));

publicReport();
const db = await createTestDatabase();
const prisma = createPrismaClient(db.url, db.kind === "embedded" ? 1 : 10);
try {
  const started = performance.now();
  const live = await predictPairs(prisma, realistic, generatePopulationNames());
  report(`through the real save and match query, ${db.kind} database (${((performance.now() - started) / 1000).toFixed(0)} s)`, live);
  completeness();
  const offline = scoreRealisticPairs(realistic, MATCHING.customer.freeMailDomains).map((s) => s.isMatch);
  const held = indexOf("held-out");
  const e = score(
    held.map((i) => realistic[i]),
    held.map((i) => offline[i]),
  );
  console.log(`The model scored pair by pair, without blocking (what the unit test holds): held-out ${figures(e)}`);
  console.log(`Live and pair-by-pair verdicts differ on ${realistic.filter((_, i) => live[i] !== offline[i]).length} of ${realistic.length} pairs.\n`);
} finally {
  await prisma.$disconnect();
  await db.close();
}

function report(title: string, predicted: boolean[]) {
  const part = (name: RealisticPair["part"]) => {
    const index = indexOf(name);
    return {
      index,
      e: score(
        index.map((i) => realistic[i]),
        index.map((i) => predicted[i]),
      ),
    };
  };
  const held = part("held-out");
  const fit = part("fit");
  console.log(`## Realistic pairs ${title}: ${realistic.length} (${realistic.filter((p) => p.same).length} same customer), ${held.e.pairs} held out\n`);
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
  console.log("");
}

/** Pair completeness: the share of true pairs that share a blocking key, so reach scoring at all. */
function completeness() {
  const shared = sharesAKey(realistic, MATCHING.customer.freeMailDomains);
  const line = (label: string, index: number[]) => {
    const same = index.filter((i) => realistic[i].same);
    const reached = same.filter((i) => shared[i]).length;
    return `${label}: ${reached} / ${same.length} = ${(reached / Math.max(1, same.length)).toFixed(3)}`;
  };
  console.log(`## Pair completeness (true pairs that share a blocking key)\n\n${line("held-out", indexOf("held-out"))}\n${line("fit", indexOf("fit"))}`);
  const byKind = new Map<string, number[]>();
  realistic.forEach((p, i) => p.same && byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), i]));
  for (const [kind, index] of byKind) if (index.some((i) => !shared[i])) console.log(`  below 1 in ${line(kind, index)}`);
  const nonMatches = realistic.flatMap((p, i) => (p.same ? [] : [i]));
  console.log(`Non-matching pairs that share a key (and so are scored): ${nonMatches.filter((i) => shared[i]).length} / ${nonMatches.length}\n`);
}

/** Each public source's held-out part, then its fit part for comparison, with the misses and false alarms. */
function publicReport() {
  const n = (x: number) => x.toFixed(3);
  console.log("## Public labelled data (made by others), held-out parts\n");
  console.log(
    "Each record is looked up among those typed before it, then saved. Precision: prompts showing a record of the same cluster, of all prompts. Recall: duplicates found, of those whose fields can link them (all duplicates in brackets). Pair completeness: duplicates whose earlier record reached scoring.\n",
  );
  console.log(
    "| source | part | records | duplicates (linkable) | precision | recall | F1 | pair completeness | candidates p50 / p95 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  const examples: string[] = [];
  for (const source of publicSources()) {
    for (const [part, records] of [
      ["held-out", source.heldOut],
      ["fit", source.fit],
    ] as const) {
      const r = evaluateBook(records, customerModel);
      const f = bookFigures(r);
      console.log(
        `| ${source.name} | ${part} | ${r.records} | ${r.duplicates} (${r.linkable}) | ${n(f.precision)} | ${n(f.recallLinkable)} (${n(f.recall)}) | ${n(f.f1)} | ${n(f.completenessLinkable)} (${n(f.completeness)}) | ${f.candidatesP50} / ${f.candidatesP95} |`,
      );
      if (part === "held-out") {
        examples.push(
          `\n${source.name}, held-out: ${r.missed.length} linkable duplicates missed (${r.missed.filter((m) => !m.reached).length} never reached scoring), ${r.falseAlarms} false alarms. First ten of each:`,
        );
        for (const m of r.missed.slice(0, 10)) examples.push(`- missed${m.reached ? "" : " (no shared key)"}: ${m.probe.name} ~ ${m.earlier.name}`);
        for (const a of r.alarms.slice(0, 10)) examples.push(`- false alarm: ${a.probe.name} ~ ${a.shown.name}`);
      }
    }
  }
  console.log(`${examples.join("\n")}\n`);
}
