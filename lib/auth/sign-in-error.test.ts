import assert from "node:assert/strict";
import { test } from "node:test";
import { describeSignInError, signInErrorCode } from "./sign-in-error.ts";

test("a wait reads as seconds when short and as minutes when long", () => {
  const say = (retryAfterSeconds: number) => describeSignInError(signInErrorCode({ ok: false, reason: "throttled", retryAfterSeconds }));
  assert.equal(say(2), "Too many attempts. Try again in 2 s.");
  assert.equal(say(119), "Too many attempts. Try again in 119 s.");
  assert.equal(say(3599), "Too many attempts. Try again in 60 minutes.");
  assert.equal(say(121), "Too many attempts. Try again in 3 minutes.");
});

test("only known codes become sentences; anything else is a generic failure", () => {
  assert.equal(describeSignInError("invalid"), "Wrong email or password.");
  assert.equal(describeSignInError("throttled:<script>"), "Signing in failed. Check your connection and try again.");
  assert.equal(describeSignInError("54000 index row size"), "Signing in failed. Check your connection and try again.");
});
