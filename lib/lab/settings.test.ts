import assert from "node:assert/strict";
import { test } from "node:test";
import { LAB_DEFAULTS, decodeLabSettings, encodeLabSettings } from "./settings.ts";

test("settings round-trip through the cookie, storing only what differs from the defaults", () => {
  const settings = { ...LAB_DEFAULTS, browserId: false, slowNetwork: true };
  const cookie = encodeLabSettings("user-a", settings);
  assert.equal(cookie, "u=user-a&browserId=0&slowNetwork=1");
  assert.deepEqual(decodeLabSettings("user-a", cookie), settings);
});

test("another user's cookie, a malformed one or none gives the defaults", () => {
  const cookie = encodeLabSettings("user-a", { ...LAB_DEFAULTS, nearMatch: false });
  assert.deepEqual(decodeLabSettings("user-b", cookie), LAB_DEFAULTS);
  assert.deepEqual(decodeLabSettings("user-a", "%%%garbage"), LAB_DEFAULTS);
  assert.deepEqual(decodeLabSettings("user-a", "u=user-a&nearMatch=maybe"), LAB_DEFAULTS);
  assert.deepEqual(decodeLabSettings("user-a", undefined), LAB_DEFAULTS);
});
