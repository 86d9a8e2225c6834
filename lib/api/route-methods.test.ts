import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { API_ROUTES, allowedMethods } from "./route-methods.ts";

const ROOT = path.join(import.meta.dirname, "..", "..", "app", "api", "v1");
const METHOD = /export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

test("the list of methods per API route is exactly what the route files export", () => {
  const fromFiles = routeFiles(ROOT)
    .filter((f) => !f.includes("[...rest]"))
    .map((f) => {
      const route =
        "/" +
        path
          .relative(ROOT, path.dirname(f))
          .split(path.sep)
          .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))
          .join("/");
      return { path: route, methods: [...readFileSync(f, "utf8").matchAll(METHOD)].map((m) => m[1]).sort() };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  const listed = API_ROUTES.map((r) => ({ path: r.path, methods: [...r.methods].sort() })).sort((a, b) => a.path.localeCompare(b.path));
  assert.deepEqual(listed, fromFiles);
});

test("each listed path is matched by its own pattern and no earlier one", () => {
  for (const route of API_ROUTES) {
    const sample = "/api/v1" + route.path.replace(/\{[^}]+\}/g, "0190a5d0-0000-7000-8000-000000000000");
    assert.equal(
      API_ROUTES.find((r) => r.pattern.test(sample)),
      route,
      route.path,
    );
  }
  assert.deepEqual(allowedMethods("/api/v1/customers/merges"), ["POST", "OPTIONS"]);
  assert.deepEqual(allowedMethods("/api/v1/orders"), ["GET", "POST", "HEAD", "OPTIONS"]);
  assert.equal(allowedMethods("/api/v1/nothing/here/at/all"), null);
});
