import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from "./idempotency-key.ts";

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
