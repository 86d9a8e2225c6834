import assert from "node:assert/strict";
import { test } from "node:test";
import { routeLabel } from "./registry.ts";

test("route labels stay few: IDs and keys become placeholders, anything unknown is 'other'", () => {
  assert.equal(routeLabel("/api/v1/customers"), "/api/v1/customers");
  assert.equal(routeLabel("/api/v1/customers/01a2b3c4-0000-7000-8000-000000000000"), "/api/v1/customers/:id");
  assert.equal(routeLabel("/api/v1/customers/matches"), "/api/v1/customers/matches");
  assert.equal(routeLabel("/api/v1/customers/merges/abc/undo"), "/api/v1/customers/merges/:id/undo");
  assert.equal(routeLabel("/api/v1/orders/xyz/fulfilment"), "/api/v1/orders/:id/fulfilment");
  assert.equal(routeLabel("/api/v1/idempotency-keys/any-key-at-all"), "/api/v1/idempotency-keys/:key");
  assert.equal(routeLabel("/api/webhooks/provider"), "/api/webhooks/provider");
  assert.equal(routeLabel("/api/v1/made-up/1/2/3"), "other");
  assert.equal(routeLabel("/api/v1/customers/a/b/c/d"), "other");
});

test("pages and the other routes are labelled by their shape, IDs as :id; anything else is one label", () => {
  const id = "01a2b3c4-0000-7000-8000-000000000000";
  assert.equal(routeLabel("/"), "/");
  assert.equal(routeLabel("/customers/new"), "/customers/new");
  assert.equal(routeLabel(`/customers/${id}`), "/customers/:id");
  assert.equal(routeLabel("/customers/merge"), "/customers/merge");
  assert.equal(routeLabel(`/orders/${id}/`), "/orders/:id");
  assert.equal(routeLabel(`/lab/tickets/${id}`), "/lab/tickets/:id");
  assert.equal(routeLabel(`/api/lab/tickets/${id}`), "/api/lab/tickets/:id");
  assert.equal(routeLabel("/api/lab/tickets"), "/api/lab/tickets");
  assert.equal(routeLabel("/api/auth/callback/credentials"), "/api/auth");
  assert.equal(routeLabel("/_next/static/chunks/app.js"), "/_next");
  assert.equal(routeLabel("/wp-login.php"), "other");
  assert.equal(routeLabel(`/customers/${id}/anything`), "other");
});
