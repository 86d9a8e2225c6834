import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { orderSchema, parseAmountToMinor } from "./order.ts";

const valid = { id: newId(), customerId: newId(), description: "Two chairs", amount: "19.99", currency: "EUR" };
const amountError = (amount: string) => {
  const result = orderSchema.safeParse({ ...valid, amount });
  return result.success ? null : result.error.issues.find((i) => i.path[0] === "amount")?.message;
};

test("amounts become integer minor units", () => {
  assert.equal(orderSchema.parse(valid).amount, 1999);
  assert.equal(parseAmountToMinor("1,000,000"), 100_000_000);
  assert.equal(parseAmountToMinor("0.5"), 50);
  assert.equal(parseAmountToMinor("12"), 1200);
  assert.equal(parseAmountToMinor("1e3"), null);
});

test("a decimal comma is a decimal separator, never a thousands one: 12,50 is twelve and a half, not 1,250", () => {
  for (const [typed, cents] of [
    ["12,50", 1250],
    ["12,5", 1250],
    ["0,05", 5],
    ["12.50", 1250],
    ["1,250.00", 125_000],
    ["1.250,00", 125_000],
    ["1 250,00", 125_000],
    ["1.000.000", 100_000_000],
    ["1,234,567.8", 123_456_780],
  ] as const) {
    assert.equal(parseAmountToMinor(typed), cents, typed);
    assert.equal(orderSchema.safeParse({ ...valid, amount: typed }).data?.amount ?? null, cents >= 1 && cents <= 100_000_000 ? cents : null, typed);
  }
});

test("what could be read two ways is refused with both readings; what cannot be read says how to write it", () => {
  assert.equal(amountError("1,250"), "“1,250” could be 1250 or 1.25: write 1250, or 1.25 for the smaller amount.");
  assert.equal(amountError("1.250"), "“1.250” could be 1250 or 1.25: write 1250, or 1.25 for the smaller amount.");
  assert.equal(amountError("1.999"), "“1.999” reads as 1999 only if the point separates thousands (amounts have at most two decimals): write 1999.");
  for (const typed of ["12,34.5.6", "1,25,0", "12,345,67", "1.250.00", "1,2345.00"]) {
    assert.match(amountError(typed) ?? "", /is not an amount we can read one way only: write it like 1234.50, 1,234.50 or 1.234,50/, typed);
  }
});

test("zero, negative, too large, too precise and non-numbers are refused", () => {
  assert.equal(amountError("0"), "The amount must be more than zero.");
  assert.equal(amountError("0.00"), "The amount must be more than zero.");
  assert.equal(amountError("-5"), "Enter the amount as a number, like 19.99 or 19,99.");
  assert.equal(amountError("1000000.01"), "The amount can be at most 1,000,000.00.");
  assert.equal(amountError("1000000.00"), null);
  assert.equal(amountError("1.9999"), "Use at most two decimals.");
  assert.equal(amountError("ten"), "Enter the amount as a number, like 19.99 or 19,99.");
  assert.equal(amountError(""), "Enter an amount.");
});

test("customer, description and currency are checked", () => {
  const errors = orderSchema.safeParse({ ...valid, customerId: "", description: " ", currency: "XXX" });
  assert.equal(errors.success, false);
  const byField = Object.fromEntries(errors.error!.issues.map((i) => [i.path[0], i.message]));
  assert.equal(byField.customerId, "Choose a customer.");
  assert.equal(byField.description, "Enter description.");
  assert.equal(byField.currency, "Choose a currency.");
});
