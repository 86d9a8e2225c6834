import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseFields, type MergeRecord } from "./choose-fields.ts";

const NO_ADDRESS = { street: null, postcode: null, city: null, country: null };
const ada: MergeRecord = { id: "a", name: "Ada Lovelace", email: "ada@example.com", phone: null, company: null, ...NO_ADDRESS };
const countess: MergeRecord = {
  id: "b",
  name: "Augusta Ada King",
  email: "countess@example.com",
  phone: "+44 20 7946 0958",
  company: "Analytical Engines",
  ...NO_ADDRESS,
};

test("by default the survivor keeps its own values and fills its empty fields from the merged records", () => {
  const chosen = chooseFields(ada, [countess]);
  assert.deepEqual(chosen, {
    ok: true,
    values: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958", company: "Analytical Engines", ...NO_ADDRESS },
    sources: { name: "a", email: "a", phone: "b", company: "b", address: "a" },
  });
});

test("a pick takes that record's value, even an empty one", () => {
  const chosen = chooseFields(countess, [ada], { name: "a", company: "a" });
  assert.equal(chosen.ok, true);
  if (!chosen.ok) return;
  assert.equal(chosen.values.name, "Ada Lovelace");
  assert.equal(chosen.values.company, null, "the user chose Ada's empty company");
  assert.equal(chosen.values.email, "countess@example.com");
});

test("the first non-empty value among the merged records, in the order given", () => {
  const empty: MergeRecord = { id: "c", name: "A. Lovelace", email: null, phone: null, company: null, ...NO_ADDRESS };
  const withPhone = { ...ada, id: "d", phone: "+1 212 555 0100" };
  const chosen = chooseFields(empty, [withPhone, countess]);
  assert.equal(chosen.ok && chosen.values.phone, "+1 212 555 0100");
  assert.equal(chosen.ok && chosen.values.email, "ada@example.com");
});

test("a pick naming a record outside the merge is refused, naming the field", () => {
  assert.deepEqual(chooseFields(ada, [countess], { email: "zz" }), { ok: false, field: "email", sourceId: "zz" });
});

test("the address moves as one: all four parts from one record, never mixed", () => {
  const home = { street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "GB" };
  const partial = { ...countess, street: null, postcode: "EC1A 1BB", city: null, country: null };
  const chosen = chooseFields({ ...ada, ...home }, [partial], { address: "b" });
  assert.equal(chosen.ok, true);
  if (!chosen.ok) return;
  assert.deepEqual([chosen.values.street, chosen.values.postcode, chosen.values.city, chosen.values.country], [null, "EC1A 1BB", null, null]);
  assert.equal(chosen.sources.address, "b");
  const byDefault = chooseFields(ada, [{ ...countess, ...home }]);
  assert.equal(byDefault.ok && byDefault.sources.address, "b", "the survivor has none: the first merged record with one gives it");
  assert.equal(byDefault.ok && byDefault.values.city, "London");
});
