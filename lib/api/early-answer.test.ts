import assert from "node:assert/strict";
import { test } from "node:test";
import { earlyAnswer } from "./early-answer.ts";

const req = (method: string, url: string, headers: Record<string, string> = {}) => earlyAnswer({ method, url, headers: { host: "app.example", ...headers } });

test("a path whose percent-escapes do not decode is a 400, a problem on the API", () => {
  assert.equal(req("GET", "/%ff")?.status, 400);
  const api = req("GET", "/api/v1/customers/%E0%A4%A");
  assert.equal(api?.status, 400);
  assert.equal(api?.headers["content-type"], "application/problem+json");
  assert.equal(JSON.parse(api!.body).type, "/api/v1/problems/malformed-url");
  assert.equal(req("GET", "/customers?q=%ff"), null, "the query string is the page's to read");
});

test("TRACE and unknown methods are a 405 with Allow, never a 500", () => {
  for (const method of ["TRACE", "CONNECT", "PROPFIND", "FOO"]) {
    assert.equal(req(method, "/")?.status, 405, method);
    assert.equal(req(method, "/")?.headers.Allow, "GET, HEAD, POST, OPTIONS");
    assert.equal(req(method, "/api/v1/customers")?.status, 405, `${method} on the API`);
  }
  assert.equal(req("GET", "/customers"), null);
});

test("an API method the resource does not answer is a problem with Allow", () => {
  const answer = req("DELETE", "/api/v1/customers");
  assert.equal(answer?.status, 405);
  assert.equal(answer?.headers.Allow, "GET, POST, HEAD, OPTIONS");
  assert.equal(JSON.parse(answer!.body).type, "/api/v1/problems/method-not-allowed");
  assert.equal(req("GET", "/api/v1/customers/merges")?.headers.Allow, "POST, OPTIONS");
  assert.equal(req("POST", "/api/v1/customers/merges"), null);
  assert.equal(req("HEAD", "/api/v1/orders"), null);
  assert.equal(req("DELETE", "/api/v1/no/such/thing"), null, "unknown API paths get the catch-all's 404");
  assert.equal(req("PUT", "/api/v1/./customers")?.headers.Allow, "GET, POST, HEAD, OPTIONS", "dot segments resolved as the router does");
  assert.equal(req("PUT", "/api/v1/%2e/orders/x/../1")?.headers.Allow, "GET, HEAD, OPTIONS");
  assert.equal(req("PUT", "/api/v1/orders/..%2F..%2Fetc")?.headers.Allow, "GET, HEAD, OPTIONS", "an escaped slash stays in its segment");
});

test("a server action posted from another site's page is a 403; from our own, or without an Origin, it goes on", () => {
  const action = { "next-action": "7f00aa" };
  assert.equal(req("POST", "/customers/new", { ...action, origin: "https://evil.example" })?.status, 403);
  assert.equal(req("POST", "/customers/new", { ...action, origin: "not a url" })?.status, 403);
  assert.equal(req("POST", "/customers/new", { ...action, origin: "http://app.example" }), null);
  assert.equal(
    req("POST", "/customers/new", { ...action, origin: "https://public.example", "x-forwarded-host": "public.example" }),
    null,
    "behind a proxy that names the public host",
  );
  assert.equal(req("POST", "/customers/new", action), null);
  assert.equal(
    req("POST", "/customers/new", { origin: "https://evil.example" })?.status,
    403,
    "a plain form post (no JavaScript) carries its action in the body",
  );
  assert.equal(req("POST", "/api/webhooks/provider", { origin: "https://evil.example" }), null, "routes under /api judge their own callers");
});
