// The realistic labelled set (lib/tooling/matching/fixtures/realistic-pairs.json) is what its seeded
// generator makes, is large and mixed enough to measure on, keeps a held-out part in every
// category, and holds only records the customer form would accept.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { customerSchema } from "../validations/customer.ts";
import { generateRealisticPairs, REALISTIC_PAIRS_FILE, serialisePairs, type RealisticPair } from "../tooling/matching/fixtures/generate-realistic-pairs.ts";

const committed = readFileSync(REALISTIC_PAIRS_FILE, "utf8");
const pairs: RealisticPair[] = JSON.parse(committed);

test("the committed set is exactly what the seeded generator makes: labels change only in code", () => {
  assert.equal(serialisePairs(generateRealisticPairs()), committed);
});

test("at least 1,000 pairs, both labels well represented, and two in five of every category held out", () => {
  assert.ok(pairs.length >= 1000, `${pairs.length} pairs`);
  assert.ok(pairs.filter((p) => p.same).length >= 300 && pairs.filter((p) => !p.same).length >= 300);
  const kinds = new Map<string, RealisticPair[]>();
  for (const p of pairs) kinds.set(p.kind, [...(kinds.get(p.kind) ?? []), p]);
  assert.ok(kinds.size >= 20, `${kinds.size} categories`);
  for (const [kind, members] of kinds) {
    const held = members.filter((p) => p.part === "held-out").length;
    assert.ok(members.length >= 20, `${kind}: ${members.length} pairs`);
    assert.ok(Math.abs(held / members.length - 0.4) <= 0.05, `${kind}: ${held} of ${members.length} held out`);
    assert.equal(new Set(members.map((p) => p.same)).size, 1, `${kind}: one label per category`);
  }
});

test("every record is one the customer form accepts", () => {
  for (const p of pairs) {
    for (const r of [p.a, p.b]) {
      const parsed = customerSchema.safeParse({
        id: "01a20763-ce37-70fb-87de-6bf4c6c40d87",
        name: r.name,
        email: r.email ?? "",
        phone: r.phone ?? "",
        company: r.company ?? "",
      });
      assert.ok(parsed.success, `${JSON.stringify(r)}: ${parsed.error?.message}`);
    }
  }
});
