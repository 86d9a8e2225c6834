// The quality targets of the near-match rules, held by a test so that a rule change that loses
// precision or recall on the labelled pairs fails the build.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { openTestPrisma } from "../testing/test-prisma.ts";
import { evaluatePairs } from "./evaluate.ts";
import type { LabelledPair } from "./fixtures/generate-pairs.ts";

const testDb = openTestPrisma();
const pairs: LabelledPair[] = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/customer-pairs.json"), "utf8"));

test("the labelled set is large and mixed enough to mean something", () => {
  assert.ok(pairs.length >= 300);
  const kinds = new Set(pairs.map((p) => p.kind));
  assert.ok(kinds.size >= 10);
  assert.ok(pairs.filter((p) => p.same).length >= 100 && pairs.filter((p) => !p.same).length >= 100);
});

test("precision ≥ 0.95 and recall ≥ 0.90 on the labelled pairs", async () => {
  const e = await evaluatePairs(testDb.prisma, pairs);
  assert.ok(e.precision >= 0.95, `precision ${e.precision.toFixed(3)}`);
  assert.ok(e.recall >= 0.9, `recall ${e.recall.toFixed(3)}`);
});
