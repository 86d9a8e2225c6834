import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { customerSchema } from "./customer.ts";

const valid = { id: newId(), name: " Ada Lovelace ", email: "", phone: "", company: "" };
const errorsOf = (input: unknown) => {
  const result = customerSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

test("a valid customer is trimmed and empty optionals become null", () => {
  assert.deepEqual(customerSchema.parse(valid), {
    id: valid.id,
    name: "Ada Lovelace",
    email: null,
    phone: null,
    company: null,
    street: null,
    postcode: null,
    city: null,
    country: null,
  });
});

test("any UUID is accepted as the ID, anything else is refused", () => {
  assert.equal(customerSchema.safeParse({ ...valid, id: "6f1c0e62-4c9b-4f3e-9d6a-2b8f0c1d2e3f" }).success, true); // v4
  assert.match(errorsOf({ ...valid, id: "not-a-uuid" }).id, /not valid/);
  assert.match(errorsOf({ ...valid, id: "1 OR 1=1" }).id, /not valid/);
  assert.match(errorsOf({ ...valid, id: undefined }).id, /no record ID/);
});

test("bad input gets a clear message per field", () => {
  assert.equal(errorsOf({ ...valid, name: "   " }).name, "Enter name.");
  assert.equal(errorsOf({ ...valid, name: "x".repeat(201) }).name, "Name can be at most 200 characters.");
  assert.equal(errorsOf({ ...valid, name: "Bell\u0007" }).name, "Name contains characters that are not allowed.");
  assert.equal(errorsOf({ ...valid, name: "Line\nbreak" }).name, "Name contains characters that are not allowed.");
  assert.match(errorsOf({ ...valid, email: "not-an-email" }).email, /valid email/);
  assert.match(errorsOf({ ...valid, phone: "call me" }).phone, /digits/);
  assert.match(errorsOf({ ...valid, phone: "12" }).phone, /at least 5 digits/);
  assert.match(errorsOf({ ...valid, name: 42 }).name, /must be text/);
});

test("an optional postal address: trimmed, the country by its ISO code in any case, bad parts refused by name", () => {
  const parsed = customerSchema.parse({ ...valid, street: " 12 St James's Square ", postcode: "SW1Y 4JH", city: "London", country: "gb" });
  assert.deepEqual([parsed.street, parsed.postcode, parsed.city, parsed.country], ["12 St James's Square", "SW1Y 4JH", "London", "GB"]);
  assert.match(errorsOf({ ...valid, country: "Germany" }).country, /two-letter ISO code/);
  assert.match(errorsOf({ ...valid, country: "ZZ" }).country, /from the list/);
  assert.match(errorsOf({ ...valid, postcode: "<script>" }).postcode, /letters, digits/);
  assert.equal(errorsOf({ ...valid, street: "x".repeat(201) }).street, "Street can be at most 200 characters.");
});
