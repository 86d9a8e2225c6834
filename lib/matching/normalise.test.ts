import assert from "node:assert/strict";
import { test } from "node:test";
import { normaliseEmailAddress, normaliseName, normalisePhone } from "./normalise.ts";

test("names: case, accents, punctuation and spacing fold away", () => {
  assert.equal(normaliseName("  José   O'Brien-Smith "), "jose obrien smith");
  assert.equal(normaliseName("ZOË Ångström"), "zoe angstrom");
  assert.equal(normaliseName("Straße & Søn, Inc."), "strasse son inc");
  assert.equal(normaliseName("Łukasz\tNowak"), "lukasz nowak");
  assert.equal(normaliseName("!!!"), "");
});

test("emails: trimmed and lower-cased, empty is null", () => {
  assert.equal(normaliseEmailAddress("  Ana@Example.COM "), "ana@example.com");
  assert.equal(normaliseEmailAddress("   "), null);
  assert.equal(normaliseEmailAddress(null), null);
});

test("phones: digits only, country code kept, 00 prefix same as +", () => {
  assert.equal(normalisePhone("+1 (555) 010-9999"), "15550109999");
  assert.equal(normalisePhone("0044 20 7946 0958"), "442079460958");
  assert.equal(normalisePhone("+44 20 7946 0958"), "442079460958");
  assert.equal(normalisePhone("020 7946 0958"), "02079460958");
  assert.equal(normalisePhone("()"), null);
  assert.equal(normalisePhone(""), null);
});
