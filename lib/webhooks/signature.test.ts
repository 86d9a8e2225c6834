// Standard Webhooks signatures: the spec's published example, the reference library (in both
// directions), the 5-minute window either way, and a secret rotation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Webhook } from "standardwebhooks";
import { createHmac } from "node:crypto";
import { newSecret, secretsFrom, sign, verify } from "./signature.ts";

const headersOf = (h: ReturnType<typeof sign>) => ({ id: h["webhook-id"], timestamp: h["webhook-timestamp"], signature: h["webhook-signature"] });

test("the spec's example message signs to the spec's signature, and verifies", () => {
  // standard-webhooks/standard-webhooks, spec/standard-webhooks.md, "Example" (the same vector the
  // reference libraries test with).
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"test": 2432232314}';
  const signed = sign([secret], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
  assert.equal(signed["webhook-signature"], "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  assert.equal(verify([secret], headersOf(signed), Buffer.from(body), 1614265330_000), null);
});

test("the reference library accepts what we sign, and we accept what it signs", () => {
  const secret = newSecret();
  const body = JSON.stringify({ type: "operation.succeeded", data: { n: 1 } });
  const now = Math.floor(Date.now() / 1000);
  const ours = sign([secret], "msg_ours", now, body);
  assert.deepEqual(new Webhook(secret).verify(body, { ...ours }), JSON.parse(body));

  const theirs = new Webhook(secret).sign("msg_theirs", new Date(now * 1000), body);
  assert.equal(verify([secret], { id: "msg_theirs", timestamp: String(now), signature: theirs }, Buffer.from(body)), null);
});

test("a changed body, ID or timestamp, another secret, or missing headers: invalid signature", () => {
  const secret = newSecret();
  const body = Buffer.from('{"a":1}');
  const now = Date.now();
  const signed = headersOf(sign([secret], "msg_1", Math.floor(now / 1000), body));
  assert.equal(verify([secret], signed, body, now), null);
  assert.equal(verify([secret], signed, Buffer.from('{"a":2}'), now), "invalid signature");
  assert.equal(verify([secret], { ...signed, id: "msg_2" }, body, now), "invalid signature");
  assert.equal(verify([secret], { ...signed, timestamp: String(Number(signed.timestamp) + 1) }, body, now), "invalid signature");
  assert.equal(verify([newSecret()], signed, body, now), "invalid signature");
  assert.equal(verify([secret], { ...signed, signature: null }, body, now), "invalid signature");
  assert.equal(verify([secret], { ...signed, signature: "v1,short v2,whatever nonsense" }, body, now), "invalid signature");
  assert.equal(verify([secret], { ...signed, timestamp: "soon" }, body, now), "invalid signature");
  assert.equal(verify([], signed, body, now), "invalid signature", "no secret configured: nothing verifies");
});

test("timestamps more than 5 minutes away, past or future, are stale; within, they pass", () => {
  const secret = newSecret();
  const body = Buffer.from("{}");
  const now = 1_800_000_000_000;
  const at = (offsetSeconds: number) => verify([secret], headersOf(sign([secret], "msg_t", now / 1000 + offsetSeconds, body)), body, now);
  assert.equal(at(-299), null);
  assert.equal(at(299), null);
  assert.equal(at(-301), "stale timestamp");
  assert.equal(at(301), "stale timestamp");
  assert.equal(at(-3 * 60 * 60), "stale timestamp", "a replay from hours ago");
});

test("rotation: the sender signs with old and new; a receiver holding either, or both, accepts", () => {
  const [oldSecret, newOne] = [newSecret(), newSecret()];
  const body = Buffer.from('{"rotating":true}');
  const now = Date.now();
  const both = headersOf(sign([oldSecret, newOne], "msg_r", Math.floor(now / 1000), body));
  assert.equal(both.signature.split(" ").length, 2);
  assert.equal(verify([oldSecret], both, body, now), null);
  assert.equal(verify([newOne], both, body, now), null);
  const oldOnly = headersOf(sign([oldSecret], "msg_r", Math.floor(now / 1000), body));
  assert.equal(verify([oldSecret, newOne], oldOnly, body, now), null, "the receiver moved first");
  assert.equal(verify([newOne], oldOnly, body, now), "invalid signature", "the old secret, once dropped, no longer passes");
  assert.deepEqual(secretsFrom(` ${oldSecret}, ${newOne} `), [oldSecret, newOne]);
});

test("a weak secret is refused at start-up and never verifies: whsec_ alone, a passphrase, a short key", () => {
  const body = Buffer.from('{"weak":true}');
  const now = Date.now();
  const emptyKeySignature = createHmac("sha256", Buffer.alloc(0))
    .update(`msg_w.${Math.floor(now / 1000)}.`)
    .update(body)
    .digest("base64");
  const forged = { id: "msg_w", timestamp: String(Math.floor(now / 1000)), signature: `v1,${emptyKeySignature}` };
  for (const weak of ["whsec_", "correct horse battery staple", "whsec_" + Buffer.alloc(16, 1).toString("base64"), "whsec_not base64!"]) {
    assert.throws(() => secretsFrom(weak), /PROVIDER_WEBHOOK_SECRET: secret 1 of \d+ is not "whsec_" followed by at least 24 bytes/, weak);
    assert.equal(verify([weak], forged, body, now), "invalid signature", `a signature made with an empty key passes ${weak}`);
  }
  assert.throws(() => secretsFrom(`${newSecret()} whsec_`), /secret 2 of 2/);
  assert.deepEqual(secretsFrom(""), []);
  const ok = "whsec_" + Buffer.alloc(24, 7).toString("base64");
  assert.deepEqual(secretsFrom(ok), [ok]);
});
