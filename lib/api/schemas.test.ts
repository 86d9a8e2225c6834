import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { apiOrderSchema, customerListQuery, parseInput } from "./schemas.ts";

const order = { customerId: newId(), description: "Tea", currency: "EUR" };

test("the API reads amounts with a point only: a comma is refused with a 400 that says so, never read as 100x", () => {
  const parsed = parseInput(apiOrderSchema, { ...order, amount: "12.50" });
  assert.equal(parsed.ok && parsed.data.amount, 1250);
  for (const amount of ["12,50", "1,250.00", "1.250,00"]) {
    const refused = parseInput(apiOrderSchema, { ...order, amount });
    assert.deepEqual(
      refused.ok ? null : refused.errors,
      [{ field: "amount", message: 'amount uses a point as the decimal separator, like "12.50": commas are not accepted (no thousands separators either).' }],
      amount,
    );
  }
  const bad = parseInput(apiOrderSchema, { ...order, amount: "1.234" });
  assert.deepEqual(bad.ok ? null : bad.errors.map((e) => e.message), [
    'amount must be a decimal string like "19.99": digits, and at most two decimals after a point.',
  ]);
  const zero = parseInput(apiOrderSchema, { ...order, amount: "0.00" });
  assert.deepEqual(zero.ok ? null : zero.errors.map((e) => e.message), ["The amount must be more than zero."]);
});

test("list filters with a NUL or another control character are a validation error, not a database error", () => {
  for (const query of [{ q: "Ada\u0000" }, { email: "a\u0000@b.co" }, { q: "line\nbreak" }]) {
    const parsed = parseInput(customerListQuery, query);
    assert.equal(parsed.ok, false, JSON.stringify(query));
    assert.match(parsed.ok ? "" : parsed.errors[0].message, /contains characters that are not allowed/);
  }
  assert.equal(parseInput(customerListQuery, { q: "Ada Lovelace" }).ok, true);
});
