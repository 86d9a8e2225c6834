import assert from "node:assert/strict";
import { test } from "node:test";
import { eventIdOfKey, idempotencyKeyOf, splitPayload } from "./lab-options.ts";

const id = "0193a7a4-6c2b-7def-8abc-0123456789ab";

test("an ordinary order's payload goes to the provider whole, keyed by its event's ID on every attempt", () => {
  const payload = { orderId: "o1", amountMinor: 100 };
  assert.deepEqual(splitPayload(payload), { body: payload, lab: {} });
  assert.equal(idempotencyKeyOf({ id, attempts: 3 }, {}), id);
  assert.equal(eventIdOfKey(id), id);
});

test("the Lab's options never reach the provider; with the key switched off each attempt has its own", () => {
  const { body, lab } = splitPayload({ orderId: "o1", sandbox: { loseFirstAnswer: true }, lab: { keyPerAttempt: true, inboxOff: true } });
  assert.deepEqual(body, { orderId: "o1", sandbox: { loseFirstAnswer: true } });
  assert.deepEqual(lab, { keyPerAttempt: true, inboxOff: true });
  assert.notEqual(idempotencyKeyOf({ id, attempts: 1 }, lab), idempotencyKeyOf({ id, attempts: 2 }, lab));
  assert.equal(eventIdOfKey(idempotencyKeyOf({ id, attempts: 2 }, lab)), id, "a callback still finds its event");
});

test("unknown or malformed Lab options switch nothing off", () => {
  assert.deepEqual(splitPayload({ orderId: "o1", lab: { keyPerAttempt: "yes" } }).lab, {});
  assert.deepEqual(splitPayload({ orderId: "o1", lab: { somethingElse: true } }).lab, {});
});
