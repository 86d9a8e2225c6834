import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from "./idempotency-key.ts";
import { createRateLimiter } from "./rate-limit.ts";

test("Idempotency-Key: 1–255 printable ASCII, bare or as a structured-field string", () => {
  assert.deepEqual(parseIdempotencyKey(null), { ok: false, reason: "missing" });
  assert.deepEqual(parseIdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324"), { ok: true, key: "8e03978e-40d5-43e8-bc93-6894a57f9324" });
  assert.deepEqual(parseIdempotencyKey('"8e03978e"'), { ok: true, key: "8e03978e" });
  assert.deepEqual(parseIdempotencyKey('"a \\"quoted\\" key"'), { ok: true, key: 'a "quoted" key' });
  assert.deepEqual(parseIdempotencyKey("k".repeat(255)), { ok: true, key: "k".repeat(255) });
  for (const bad of ["", "   ", '""', "k".repeat(256), "tab\there", "naïve", "line\nbreak", '"bad \\x escape"', '"unterminated', '"']) {
    assert.deepEqual(parseIdempotencyKey(bad), { ok: false, reason: "invalid" }, JSON.stringify(bad));
  }
});

test("fingerprint: key order does not matter, values do, and the confirmation is left out", () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: null }] }), '{"a":[{"c":null,"d":2}],"b":1}');
  const base = { name: "Ada", email: "ada@example.com" };
  assert.equal(requestFingerprint(base), requestFingerprint({ email: "ada@example.com", name: "Ada" }));
  assert.notEqual(requestFingerprint(base), requestFingerprint({ ...base, name: "Ada " }));
  assert.notEqual(requestFingerprint(base), requestFingerprint({ ...base, phone: null }));
  assert.equal(requestFingerprint(base), requestFingerprint({ ...base, confirmDuplicateOf: ["x"] }));
  assert.match(requestFingerprint([1, 2]), /^[0-9a-f]{64}$/);
});

test("rate limit: a burst up to the limit, then 429 with the wait, refilled over a minute", () => {
  let now = 0;
  const limiter = createRateLimiter(60, () => now);
  for (let i = 0; i < 60; i++) assert.deepEqual(limiter.take("token:a"), { ok: true });
  assert.deepEqual(limiter.take("token:a"), { ok: false, retryAfterSeconds: 1 });
  assert.deepEqual(limiter.take("token:b"), { ok: true }, "callers have their own allowance");
  now += 1_000;
  assert.deepEqual(limiter.take("token:a"), { ok: true });
  assert.equal(limiter.take("token:a").ok, false);
  now += 60_000;
  for (let i = 0; i < 60; i++) assert.equal(limiter.take("token:a").ok, true);
});
