import assert from "node:assert/strict";
import { test } from "node:test";
import { isOperator } from "./operators.ts";

test("only the addresses in ADMIN_EMAILS are operators, whatever their case; none when it is unset", () => {
  const env = { ADMIN_EMAILS: "ops@example.com, Root@Example.com\nthird@example.com" };
  assert.equal(isOperator("ops@example.com", env), true);
  assert.equal(isOperator("root@example.com", env), true);
  assert.equal(isOperator("THIRD@example.com", env), true);
  assert.equal(isOperator("someone@example.com", env), false);
  assert.equal(isOperator("ops@example.com.evil", env), false);
  assert.equal(isOperator("ops@example.com", {}), false);
  assert.equal(isOperator("", { ADMIN_EMAILS: "" }), false);
});
