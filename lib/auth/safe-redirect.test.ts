import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath } from "./safe-redirect.ts";

test("keeps same-site paths, with their query and fragment", () => {
  for (const good of ["/", "/customers/new?x=1", "/customers?q=a%2Fb#top", "/lab?draft=0192&review=x", "/@evil.example"]) {
    assert.equal(safeCallbackPath(good), good, good);
  }
  // Resolved the way a browser resolves it, and only that form is used.
  assert.equal(safeCallbackPath("/customers/../orders"), "/orders");
});

test("refuses every way of naming another site", () => {
  const hostile = [
    // control characters that browsers and Node's URL parser drop
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "\t//evil.example",
    // slashes, backslashes and dot segments
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/a/../..//evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5C%5Cevil.example",
    "/%5cevil.example",
    // schemes and absolute URLs
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "//user:pass@evil.example",
    "https://app.invalid@evil.example/",
    "http://localhost@evil.example",
    // not strings, empty, absurdly long
    "",
    " /customers",
    undefined,
    null,
    42,
    ["/customers"],
    `/${"a".repeat(5000)}`,
  ];
  for (const bad of hostile) {
    assert.equal(safeCallbackPath(bad), "/", JSON.stringify(bad));
    assert.equal(safeCallbackPath(bad, "/customers"), "/customers", JSON.stringify(bad));
  }
});

test("whatever it returns, a browser resolves to this origin", () => {
  // The property the function exists for, checked on random strings built from the dangerous parts.
  const parts = ["/", "\\", "\t", "\n", ".", "..", "%2F", "%5C", "@", "evil.example", ":", "?", "#", "a", "%09", "\u3000", "//"];
  let seed = 20261122;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
  const origin = "https://dedupe.example";
  for (let i = 0; i < 20_000; i++) {
    let value = "/";
    const n = 1 + (next() % 6);
    for (let j = 0; j < n; j++) value += parts[next() % parts.length];
    const result = safeCallbackPath(value);
    assert.equal(new URL(result, origin).origin, origin, `${JSON.stringify(value)} -> ${JSON.stringify(result)}`);
    assert.ok(result.startsWith("/") && !result.startsWith("//") && !result.startsWith("/\\"), JSON.stringify(result));
  }
});
