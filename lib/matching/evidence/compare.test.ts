// The evidence the customer model weighs: how names, emails and phones are made comparable, which
// level each comparison gives, and that the committed model is the one the fit part produces and
// meets its targets on the held-out part.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { MATCHING } from "../config.ts";
import { REALISTIC_PAIRS_FILE, type RealisticPair } from "../../tooling/matching/fixtures/generate-realistic-pairs.ts";
import { canonicalEmail, compareCustomers, compareNames, type CustomerFields } from "./compare.ts";
import { scoreRealisticPairs } from "../../tooling/matching/evaluate-model.ts";
import { fitCustomerModel } from "../../tooling/matching/training-pairs.ts";
import { LEVEL_SIGNS } from "../../tooling/matching/fit.ts";
import committedModel from "./model.json" with { type: "json" };
import { scorePair } from "./model.ts";
import { nameTokens } from "./name-tokens.ts";

const FREE = MATCHING.customer.freeMailDomains;
const levelOf = (a: CustomerFields, b: CustomerFields, field: string) => compareCustomers(a, b, FREE).find((c) => c.field === field)?.level;
const names = (a: string, b: string) => compareNames(nameTokens(a), nameTokens(b))?.level;

describe("name tokens", () => {
  test("legal forms, '&', apostrophes, dots and titles drop out wherever they stand", () => {
    assert.deepEqual(nameTokens("Smith & Sons Ltd.").words, ["smith", "sons"]);
    assert.deepEqual(nameTokens("Müller GmbH & Co. KG").words, ["muller"]);
    assert.deepEqual(nameTokens("K.K. Tanaka Shoji").words, ["tanaka", "shoji"]);
    assert.deepEqual(nameTokens("O'Brien, Dr. Mary").words, ["obrien", "dr", "mary"]);
    assert.deepEqual(nameTokens("Dr. Mary O’Brien").words, ["mary", "obrien"]);
  });

  test("other scripts become Latin letters", () => {
    assert.deepEqual(nameTokens("Дмитрий Иванов").words, ["dmitriy", "ivanov"]);
    assert.deepEqual(nameTokens("José Núñez").words, ["jose", "nunez"]);
  });

  test("a generation is kept apart from the words; a name of legal words only keeps them", () => {
    assert.deepEqual(nameTokens("John Smith Jr."), { words: ["john", "smith"], generation: "jr" });
    assert.deepEqual(nameTokens("Sr. Juan Pérez"), { words: ["juan", "perez"], generation: null });
    assert.deepEqual(nameTokens("AB").words, ["ab"]);
  });
});

describe("comparisons", () => {
  test("one mailbox is one email: case and +tags everywhere, dots at Gmail", () => {
    assert.equal(canonicalEmail(" J.Smith+shop@GoogleMail.com "), "jsmith@gmail.com");
    assert.equal(canonicalEmail("j.smith+x@acme.io"), "j.smith@acme.io");
    assert.equal(canonicalEmail("not-an-email"), null);
    assert.equal(levelOf({ name: "a", email: "j.smith@gmail.com" }, { name: "b", email: "jsmith+1@gmail.com" }, "email"), "same");
  });

  test("a business domain is evidence, a free-mail one is not", () => {
    assert.equal(levelOf({ name: "a", email: "ann@acme.io" }, { name: "b", email: "bob@acme.io" }, "domain"), "same");
    assert.equal(levelOf({ name: "a", email: "ann@gmail.com" }, { name: "b", email: "bob@gmail.com" }, "domain"), undefined);
  });

  test("phones compare on their last digits: abroad and at home are the same number", () => {
    assert.equal(levelOf({ name: "a", phone: "+49 616 505582" }, { name: "b", phone: "0616 505 582" }, "phone"), "same");
    assert.equal(levelOf({ name: "a", phone: "+1 415 555 0199" }, { name: "b", phone: "+1 212 555 0199" }, "phone"), "same-ending");
    assert.equal(levelOf({ name: "a", phone: "+1 415 555 0199" }, { name: "b", phone: "+1 415 555 0100" }, "phone"), "different");
    assert.equal(levelOf({ name: "a", phone: "12" }, { name: "b", phone: "12" }, "phone"), undefined);
  });

  test("name levels: word order, nicknames, sound-alikes, initials, relatives", () => {
    assert.equal(names("Garcia, Maria", "maria garcia"), "exact");
    assert.equal(names("Van der Berg", "Vanderberg"), "exact");
    assert.equal(names("Bob Smith", "Robert Smith"), "equivalent");
    assert.equal(names("Catherine Schmidt", "Kathryn Schmitt"), "equivalent");
    assert.equal(names("J. Smith", "John Smith"), "equivalent");
    assert.equal(names("Jon Smithe", "Jon Smith"), "one-typo");
    assert.equal(names("Jonah Thorpe", "Jonah Thopre"), "one-typo");
    assert.equal(names("Anna Berger", "Anna Bergmann"), "similar");
    assert.equal(names("Sean Ekström", "Shawn Ekström"), "loosely-similar");
    assert.equal(names("Anna Kowalska", "Piotr Kowalska"), "shares-a-word");
    assert.equal(names("Hannah", "Hannah Davies"), "one-word-of-other");
    assert.equal(names("Evelyn", "Evelyn"), "exact-one-word");
    assert.equal(names("Ravenswood Community CCC", "Ravenswood Community Child Care"), "within-other");
    assert.equal(names("Smith Bros Mfg", "Smith Brothers Manufacturing"), "exact");
    assert.equal(names("NXP B. V.", "NXP B.V."), "exact-one-word");
    assert.equal(names("Anna Kowalska", "Peter Brown"), "different");
    assert.equal(names("", "Peter Brown"), undefined);
  });

  test("a business entered as one record's name and the other's company is one comparison, not two", () => {
    const found = compareCustomers({ name: "Acme Corporation" }, { name: "Jane Doe", company: "ACME Inc." }, FREE);
    assert.deepEqual(
      found.map((c) => `${c.field}:${c.level}`),
      ["company:one-name-is-the-other-company"],
    );
  });
});

describe("the model", () => {
  const model = committedModel;
  const counts = (common: string) => (key: string) => (key === common ? 400 : 1);

  test("an exact common name weighs less than an exact rare one, and alone is no match", () => {
    const common = scorePair({ name: "Maria Garcia" }, { name: "Maria Garcia" }, model, FREE, counts("garcia maria"));
    const rare = scorePair({ name: "Ottoline Brackenbury" }, { name: "Ottoline Brackenbury" }, model, FREE, counts("garcia maria"));
    assert.ok(common.probability < rare.probability);
    assert.equal(common.isMatch, false);
    assert.equal(rare.isMatch, true);
  });

  test("Jr. and Sr. are two people even with the same phone", () => {
    const s = scorePair({ name: "John Smith Jr.", phone: "+1 415 555 0199" }, { name: "John Smith Sr.", phone: "+1 415 555 0199" }, model, FREE);
    assert.equal(s.isMatch, false);
    assert.ok(s.evidence.some((e) => e.field === "generation" && e.weight < 0));
  });

  test("every piece of evidence carries its sign: agreement adds, clear disagreement subtracts", () => {
    const s = scorePair(
      { name: "Ann Lee", email: "ann@acme.io", phone: "+1 415 555 0199" },
      { name: "Ann Lee", email: "ann.lee@acme.io", phone: "+1 212 999 0000" },
      model,
      FREE,
    );
    const weight = (f: string) => s.evidence.find((e) => e.field === f)!.weight;
    assert.ok(weight("name") > 0 && weight("domain") > 0);
    assert.ok(weight("email") < 0 && weight("phone") < 0);
  });

  test("a shared house is evidence for, another address strong evidence against, another country weak", () => {
    const home = { street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "GB" };
    const weightOf = (a: object, b: object, field: string) =>
      scorePair({ name: "Ada Lovelace", ...a }, { name: "Ada Lovelace", ...b }, model, FREE).evidence.find((e) => e.field === field)?.weight;
    assert.ok(weightOf(home, { ...home, street: "12 St. James Sq" }, "address")! > 0);
    assert.ok(weightOf(home, { street: "3 High St", postcode: "OX1 2AB", city: "Oxford" }, "address")! < -2);
    const abroad = weightOf(home, { ...home, country: "FR" }, "country")!;
    assert.ok(abroad < 0 && abroad > -3, `${abroad}`);
    // A surname changed at marriage, the house the same: asked about.
    assert.equal(scorePair({ name: "Ada Lovelace", ...home }, { name: "Ada King", ...home }, model, FREE).isMatch, true);
  });

  test("agreement never weighs against and disagreement never for, however the fit leans", () => {
    assert.ok(Object.keys(LEVEL_SIGNS).length >= 18);
    const weights: Record<string, number> = committedModel.weights;
    for (const [key, sign] of Object.entries(LEVEL_SIGNS)) assert.ok(sign * weights[key] >= 0, `${key} ${weights[key]}`);
  });

  const pairs: RealisticPair[] = JSON.parse(readFileSync(REALISTIC_PAIRS_FILE, "utf8"));

  test("the committed model is what fitting the fit parts makes: no weight was set by hand or on held-out data", () => {
    const fitted = fitCustomerModel(pairs, FREE);
    assert.deepEqual(fitted, committedModel);
  });

  test("on the held-out part: precision ≥ 0.97 and recall ≥ 0.95", () => {
    const held = pairs.filter((p) => p.part === "held-out");
    const predicted = scoreRealisticPairs(held, FREE).map((s) => s.isMatch);
    const tp = held.filter((p, i) => p.same && predicted[i]).length;
    const fp = held.filter((p, i) => !p.same && predicted[i]).length;
    const fn = held.filter((p, i) => p.same && !predicted[i]).length;
    assert.ok(tp / (tp + fp) >= 0.97, `precision ${tp / (tp + fp)}`);
    assert.ok(tp / (tp + fn) >= 0.95, `recall ${tp / (tp + fn)}`);
  });
});
