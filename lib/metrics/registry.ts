// What this process counts, for GET /api/metrics (Prometheus' text format, prom-client). Counters
// live per process: in cluster mode each instance serves its own and Prometheus sums them. Figures
// that live in the database (the outbox's queue, dead letters, merges) are read from it at scrape
// time instead (database-gauges.ts), so every instance reports the same truth.
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dedupe_" });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers: [registry] });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    httpRequests: counter(
      "dedupe_http_requests_total",
      "HTTP requests by method, route (pages, server actions as POSTs to their page, the API, the webhook) and status.",
      ["method", "route", "status"],
    ),
    saves: counter("dedupe_saves_total", "Duplicate-safe saves by outcome: new, replay, conflict, foreign, possible_duplicate, saved_anyway.", [
      "record",
      "outcome",
    ]),
    idempotencyKeys: counter(
      "dedupe_idempotency_key_answers_total",
      "Idempotency-Key requests answered from a stored key: replay, or reused (a different request, 422).",
      ["outcome"],
    ),
    deliveries: counter(
      "dedupe_outbox_delivery_attempts_total",
      "Outbox delivery attempts and result checks by outcome: acknowledged, delivered, confirmed, retrying, failed.",
      ["outcome"],
    ),
    inbox: counter("dedupe_inbox_messages_total", "Provider callbacks by outcome: applied, outdated, unmatched, or repeat (refused: applied before).", [
      "outcome",
    ]),
    // Read from the database at each scrape (database-gauges.ts).
    outboxEvents: gauge("dedupe_outbox_events", "Outbox events by state: pending, acknowledged, confirmed, failed.", ["state"]),
    outboxLag: gauge("dedupe_outbox_oldest_due_seconds", "Age of the oldest event due to be sent, leaving out paused workspaces (0 when none waits)."),
    deadLetters: gauge("dedupe_outbox_dead_letters", "Events whose delivery failed for good and wait for a person (the failed state)."),
    dispatchers: gauge("dedupe_outbox_dispatchers", "Dispatchers that reported in the last 30 s, by their breaker's state: closed, half-open, open.", [
      "breaker",
    ]),
    killSwitch: gauge("dedupe_kill_switch_paused", "Deliveries switched off: scope global (0 or 1), or workspace (how many).", ["scope"]),
    merges: gauge("dedupe_customer_merges", "Customer merges: live, or undone.", ["state"]),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process, across Next's module reloads in development.
const holder = globalThis as unknown as { dedupeMetrics?: Metrics };
export const metrics = (): Metrics => (holder.dedupeMetrics ??= createMetrics());

/**
 * Counted by the HTTP server (lib/startup/next-server.ts) when the answer is sent, so every page, server
 * action (a POST to its page), route and early refusal is counted once, with the status it got.
 */
export function countRequest(method: string | undefined, url: string | undefined, status: number): void {
  metrics().httpRequests.inc({ method: METHODS.has(method ?? "") ? method! : "other", route: routeLabel(pathOf(url)), status: String(status) });
}
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0];
  return path.startsWith("/") ? path : "/";
}

/** A route label with bounded values: IDs and keys become placeholders, unknown paths one label. */
export function routeLabel(pathname: string): string {
  const parts = pathname.replace(/\/+$/, "").split("/");
  if (parts[1] === "_next") return "/_next";
  if (parts[1] === "api" && parts[2] === "v1") {
    if (!RESOURCES.has(parts[3] ?? "") || parts.length > 7) return "other";
    return parts
      .map((p, i) => (i < 4 || WORDS.has(p) ? p : parts[i - 1] === "idempotency-keys" ? ":key" : parts[i - 1] === "problems" ? ":type" : ":id"))
      .join("/");
  }
  if (parts[1] === "api" && parts[2] === "auth") return "/api/auth";
  // Pages and the other routes: a known shape, its IDs as :id.
  const shape = parts.map((p, i) => (i > 1 && ID_AFTER.has(parts[i - 1]) && !PAGE_WORDS.has(p) ? ":id" : p)).join("/") || "/";
  return PAGES.has(shape) ? shape : "other";
}
const RESOURCES = new Set(["customers", "orders", "idempotency-keys", "problems", "openapi.json"]);
const WORDS = new Set(["merges", "matches", "undo", "fulfilment"]);
const ID_AFTER = new Set(["customers", "orders", "tickets"]);
const PAGE_WORDS = new Set(["new", "duplicates", "merge"]);
const PAGES = new Set([
  "/",
  "/signin",
  "/signup",
  "/customers",
  "/customers/new",
  "/customers/duplicates",
  "/customers/merge",
  "/customers/:id",
  "/orders",
  "/orders/new",
  "/orders/:id",
  "/integrations",
  "/lab",
  "/lab/tickets",
  "/lab/tickets/:id",
  "/settings/tokens",
  "/api/health",
  "/api/ready",
  "/api/metrics",
  "/api/webhooks/provider",
  "/api/lab/activity",
  "/api/lab/integration",
  "/api/lab/tickets",
  "/api/lab/tickets/:id",
  "/favicon.ico",
  "/icon.svg",
]);
