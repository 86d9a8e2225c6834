// Which methods each /api/v1 resource answers, for the 405 every other method gets (a problem with
// `Allow`, where Next would send an empty 405). lib/api/route-methods.test.ts checks this list
// against the route files' own exports, so the two cannot drift apart.
export const API_ROUTES: ReadonlyArray<{ path: string; pattern: RegExp; methods: readonly string[] }> = [
  { path: "/customers", pattern: /^\/api\/v1\/customers$/, methods: ["GET", "POST"] },
  { path: "/customers/matches", pattern: /^\/api\/v1\/customers\/matches$/, methods: ["GET"] },
  { path: "/customers/merges", pattern: /^\/api\/v1\/customers\/merges$/, methods: ["POST"] },
  { path: "/customers/merges/{id}/undo", pattern: /^\/api\/v1\/customers\/merges\/[^/]+\/undo$/, methods: ["POST"] },
  { path: "/customers/{id}", pattern: /^\/api\/v1\/customers\/[^/]+$/, methods: ["GET"] },
  { path: "/orders", pattern: /^\/api\/v1\/orders$/, methods: ["GET", "POST"] },
  { path: "/orders/{id}", pattern: /^\/api\/v1\/orders\/[^/]+$/, methods: ["GET"] },
  { path: "/orders/{id}/fulfilment", pattern: /^\/api\/v1\/orders\/[^/]+\/fulfilment$/, methods: ["GET"] },
  { path: "/idempotency-keys/{key}", pattern: /^\/api\/v1\/idempotency-keys\/[^/]+$/, methods: ["GET"] },
  { path: "/openapi.json", pattern: /^\/api\/v1\/openapi\.json$/, methods: ["GET"] },
  { path: "/problems/{type}", pattern: /^\/api\/v1\/problems\/[^/]+$/, methods: ["GET"] },
];

/** The methods a path answers (HEAD and OPTIONS with GET, as Next does), or null when no resource is there. */
export function allowedMethods(pathname: string): string[] | null {
  const route = API_ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) return null;
  return [...route.methods, ...(route.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}
