import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyCustomerPair, type CustomerPairFacts } from "./classify-customer.ts";
import { MATCHING } from "./config.ts";

const none: CustomerPairFacts = {
  sameEmail: false, samePhone: false, exactName: false, nameScore: 0, companyScore: null, sameBusinessDomain: false, samePhoneSuffix: false,
};

test("same email, same phone and the same normalised name each match on their own", () => {
  assert.deepEqual(classifyCustomerPair({ ...none, sameEmail: true }), { isMatch: true, score: 1, reasons: ["same email"] });
  assert.deepEqual(classifyCustomerPair({ ...none, samePhone: true }).reasons, ["same phone"]);
  assert.deepEqual(classifyCustomerPair({ ...none, exactName: true, nameScore: 1 }).reasons, ["same name"]);
});

test("a similar name alone is not enough", () => {
  assert.equal(classifyCustomerPair({ ...none, nameScore: 0.9 }).isMatch, false);
  assert.equal(classifyCustomerPair({ ...none, nameScore: 0.9, companyScore: MATCHING.customer.companySimilarity - 0.01 }).isMatch, false);
});

test("a similar name plus a similar company, business domain or phone ending matches, with reasons", () => {
  assert.deepEqual(classifyCustomerPair({ ...none, nameScore: 0.82, companyScore: 0.7 }).reasons, ["similar name: 0.82", "similar company: 0.70"]);
  assert.deepEqual(classifyCustomerPair({ ...none, nameScore: 0.7, sameBusinessDomain: true }).reasons, ["similar name: 0.70", "same email domain"]);
  assert.deepEqual(classifyCustomerPair({ ...none, nameScore: 0.6, samePhoneSuffix: true }).reasons, ["similar name: 0.60", "phone ends in the same 7 digits"]);
  assert.equal(classifyCustomerPair({ ...none, nameScore: 0.59, samePhoneSuffix: true }).isMatch, false, "threshold is inclusive at 0.6 only");
});

test("scores rank stronger evidence higher", () => {
  const email = classifyCustomerPair({ ...none, sameEmail: true }).score;
  const phone = classifyCustomerPair({ ...none, samePhone: true }).score;
  const similar = classifyCustomerPair({ ...none, nameScore: 0.7, companyScore: 0.9 }).score;
  assert.ok(email > phone && phone > similar && similar > 0);
});
