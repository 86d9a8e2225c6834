import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath } from "./safe-redirect.ts";

test("keeps same-site paths and refuses everything else", () => {
  assert.equal(safeCallbackPath("/customers/new?x=1"), "/customers/new?x=1");
  for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", undefined, 42]) {
    assert.equal(safeCallbackPath(bad), "/", String(bad));
  }
});
