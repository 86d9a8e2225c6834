import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../random/seeded-random.ts";
import { deliveryConfig, DEFAULT_DELIVERY } from "@/lib/settings/delivery.ts";
import { backoffDelay, isRetryableStatus, nextStep, parseRetryAfter } from "./retry-policy.ts";

const config = deliveryConfig({}, { backoffBaseMs: 1_000, backoffCapMs: 60_000, maxAttempts: 10, maxAgeMs: 24 * 3_600_000 });
const t0 = new Date("2026-11-22T10:00:00Z");
const transient = { message: "503", retryable: true };

test("full jitter: each delay lies in [0, min(cap, base × 2^(attempt-1))), spread over the range", () => {
  const random = seededRandom(42);
  for (let attempt = 1; attempt <= 12; attempt++) {
    const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
    const delays = Array.from({ length: 200 }, () => backoffDelay(attempt, config, random));
    assert.ok(
      delays.every((d) => d >= 0 && d < ceiling),
      `attempt ${attempt}`,
    );
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(mean > ceiling * 0.35 && mean < ceiling * 0.65, `attempt ${attempt}: mean ${mean} of ${ceiling}`);
  }
  assert.equal(
    backoffDelay(3, config, () => 0.999999),
    3_999,
    "the ceiling is never reached",
  );
});

test("a 4xx other than 408, 409 and 429 is not retried; those and 5xx are", () => {
  assert.deepEqual([400, 401, 403, 404, 422].map(isRetryableStatus), [false, false, false, false, false]);
  assert.deepEqual([408, 409, 429, 500, 502, 503, 504].map(isRetryableStatus), [true, true, true, true, true, true, true]);
  assert.deepEqual(nextStep({ attempts: 1, retryFrom: t0 }, { message: "400", retryable: false }, t0, config), { kind: "fail" });
});

test("Retry-After is honoured, in seconds or as a date, and capped at an hour", () => {
  assert.equal(parseRetryAfter("7"), 7_000);
  assert.equal(parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", t0.getTime()), 30_000);
  assert.equal(parseRetryAfter("99999"), 3_600_000);
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(null), undefined);
  assert.deepEqual(nextStep({ attempts: 1, retryFrom: t0 }, { ...transient, retryAfterMs: 7_000 }, t0, config), { kind: "retry", delayMs: 7_000 });
});

test("past max attempts, or when the next try would fall past the max age, the event fails (a dead letter)", () => {
  assert.equal(nextStep({ attempts: 9, retryFrom: t0 }, transient, t0, config, () => 0.5).kind, "retry");
  assert.deepEqual(nextStep({ attempts: 10, retryFrom: t0 }, transient, t0, config), { kind: "fail" });
  const almostADayLater = new Date(t0.getTime() + 24 * 3_600_000 - 1_000);
  assert.equal(nextStep({ attempts: 2, retryFrom: t0 }, transient, almostADayLater, config, () => 0).kind, "retry");
  assert.deepEqual(nextStep({ attempts: 2, retryFrom: t0 }, { ...transient, retryAfterMs: 5_000 }, almostADayLater, config), { kind: "fail" });
});

test("the defaults are the documented ones, and each can be set from the environment", () => {
  assert.equal(DEFAULT_DELIVERY.maxAttempts, 10);
  assert.equal(DEFAULT_DELIVERY.maxAgeMs, 24 * 3_600_000);
  assert.equal(DEFAULT_DELIVERY.reconcileAfterMs, 120_000);
  assert.equal(deliveryConfig({ OUTBOX_MAX_ATTEMPTS: "3", OUTBOX_RECONCILE_AFTER_MS: "500" }).maxAttempts, 3);
  assert.equal(deliveryConfig({ OUTBOX_RECONCILE_AFTER_MS: "500" }).reconcileAfterMs, 500);
  assert.throws(() => deliveryConfig({ OUTBOX_LEASE_MS: "soon" }), /OUTBOX_LEASE_MS must be a non-negative number/);
});
