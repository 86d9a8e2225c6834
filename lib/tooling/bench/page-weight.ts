// Page weight as #19 defines it: every script a page loads on first visit (a fresh browser context,
// so nothing comes from cache), in a real browser against the production build, each compressed
// with gzip. Shared by `npm run bench:pages` (the table in BENCHMARKS.md) and e2e/page-weight.spec.ts
// (which fails when a page goes over its budget).
import { gzipSync } from "node:zlib";
import type { APIRequestContext, BrowserContext } from "@playwright/test";

export interface PageWeight {
  name: string;
  path: string;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Each script's URL path and compressed size, largest first. */
  files: { file: string; gzipBytes: number }[];
  /**
   * Scripts fetched only once the page's first form field gets focus (a form's schema loads then,
   * components/forms/lazy-schema.ts), compressed; not part of the first load, reported beside it.
   */
  onFocusGzipBytes: number;
}

/** The pages a signed-in user reaches, with a customer and an order to open. */
export async function appPages(request: APIRequestContext): Promise<{ name: string; path: string }[]> {
  const post = async (path: string, data: unknown) => {
    const response = await request.post(`/api/v1${path}`, { headers: { "idempotency-key": crypto.randomUUID() }, data });
    if (!response.ok()) throw new Error(`seeding ${path}: ${response.status()} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  const customerId = await post("/customers", { name: "Weigh Kowalczyk", email: `weigh-${crypto.randomUUID()}@example.com` });
  const otherId = await post("/customers", { name: "Ottilie Brandstetter", email: `other-${crypto.randomUUID()}@example.org` });
  const orderId = await post("/orders", { customerId, description: "Weighing crate", amount: "12.50", currency: "EUR" });
  return [
    { name: "home", path: "/" },
    { name: "customers", path: "/customers" },
    { name: "new customer (form)", path: "/customers/new" },
    { name: "customer", path: `/customers/${customerId}` },
    { name: "possible duplicates", path: "/customers/duplicates" },
    { name: "merge customers (form)", path: `/customers/merge?ids=${customerId},${otherId}` },
    { name: "orders", path: "/orders" },
    { name: "new order (form)", path: "/orders/new" },
    { name: "order", path: `/orders/${orderId}` },
    { name: "integrations", path: "/integrations" },
    { name: "lab (forms)", path: "/lab" },
    { name: "API tokens (form)", path: "/settings/tokens" },
  ];
}

export const SIGNED_OUT_PAGES = [
  { name: "sign in (form)", path: "/signin" },
  { name: "sign up (form)", path: "/signup" },
];

/** Loads `path` in a new context made by `newContext` and weighs the scripts it fetched. */
export async function weighPage(newContext: () => Promise<BrowserContext>, page: { name: string; path: string }): Promise<PageWeight> {
  const context = await newContext();
  try {
    const tab = await context.newPage();
    const bodies: Promise<{ file: string; body: Buffer } | null>[] = [];
    let lastScriptAt = 0;
    tab.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      lastScriptAt = Date.now();
      bodies.push(
        response.body().then(
          (body) => ({ file: new URL(response.url()).pathname, body }),
          () => null,
        ),
      );
    });
    const answer = await tab.goto(page.path, { waitUntil: "networkidle" });
    if (!answer?.ok()) throw new Error(`${page.path}: ${answer?.status()}`);
    const firstLoad = bodies.length;
    const field = tab.locator("main form").locator("input:not([type=hidden]):visible, textarea:visible, select:visible").first();
    if ((await field.count()) > 0) {
      const focusedAt = Date.now();
      await field.focus();
      // Settled: no script for 500 ms (at most 5 s).
      while (Date.now() - Math.max(focusedAt, lastScriptAt) < 500 && Date.now() - focusedAt < 5_000) await tab.waitForTimeout(100);
    }
    const settled = await Promise.all(bodies);
    const gzipOf = (f: { body: Buffer } | null) => (f ? gzipSync(f.body).length : 0);
    const onFocusGzipBytes = settled.slice(firstLoad).reduce((n, f) => n + gzipOf(f), 0);
    const files = settled.slice(0, firstLoad).filter((f): f is { file: string; body: Buffer } => f !== null);
    const weighed = files.map((f) => ({ file: f.file, rawBytes: f.body.length, gzipBytes: gzipSync(f.body).length }));
    return {
      ...page,
      scripts: weighed.length,
      rawBytes: weighed.reduce((n, f) => n + f.rawBytes, 0),
      gzipBytes: weighed.reduce((n, f) => n + f.gzipBytes, 0),
      files: weighed.map(({ file, gzipBytes }) => ({ file, gzipBytes })).sort((a, b) => b.gzipBytes - a.gzipBytes),
      onFocusGzipBytes,
    };
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
