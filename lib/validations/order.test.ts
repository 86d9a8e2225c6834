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

test("zero, negative, too large, too precise and non-numbers are refused", () => {
  assert.equal(amountError("0"), "The amount must be more than zero.");
  assert.equal(amountError("0.00"), "The amount must be more than zero.");
  assert.equal(amountError("-5"), "Enter the amount as a number, like 19.99.");
  assert.equal(amountError("1000000.01"), "The amount can be at most 1,000,000.00.");
  assert.equal(amountError("1000000.00"), null);
  assert.equal(amountError("1.999"), "Use at most two decimals.");
  assert.equal(amountError("ten"), "Enter the amount as a number, like 19.99.");
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
