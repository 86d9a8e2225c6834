// `npm run bench:pages`: how much JavaScript each page costs on first load (#19), measured as the
// budget test measures it (lib/tooling/bench/page-weight.ts): the production build, a real browser, signed
// in, every script the page loads, gzip-compressed. Writes the table, and where the bytes go (the
// libraries found in each shared chunk, by their marker strings), to BENCHMARKS.md.
import { chromium } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../auth/password.ts";
import { startBenchServer } from "../bench/app-server.ts";
import { describeMachine } from "../bench/machine.ts";
import { appPages, kb, SIGNED_OUT_PAGES, weighPage, type PageWeight } from "../bench/page-weight.ts";
import { budgetFor, PAGE_BUDGETS_KB } from "../bench/page-budgets.ts";
import { writeBenchmarkSection } from "../bench/report.ts";
import { newId } from "../../ids.ts";
import { chromiumExecutable } from "../../../e2e/support/browser.ts";

/** Strings each library leaves in its minified code, to say which chunk carries what. */
const MARKERS: [string, RegExp][] = [
  ["React DOM", /react\.dev\/errors|__reactFiber|reactRoot/],
  ["Next.js runtime", /__next_f|next-router-state-tree|NEXT_REDIRECT/],
  ["zod", /ZodError|\$ZodType|_zod/],
  ["@tanstack/react-query", /QueryClientProvider|No QueryClient set/],
  ["react-hook-form", /shouldUnregister/],
  ["next-auth client", /__NEXTAUTH|\[next-auth\]/],
  ["uuid", /crypto\.getRandomValues\(\) not supported/],
];

const server = await startBenchServer();
const browser = await chromium.launch({ executablePath: chromiumExecutable() });
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();
try {
  const user = { id: newId(), email: `pages-${newId()}@example.com`, password: `pw-${newId()}` };
  await db.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, $3)`, [user.id, user.email, await hashPassword(user.password)]);
  const signedIn = await browser.newContext({ baseURL: server.appUrl });
  const { csrfToken } = await (await signedIn.request.get("/api/auth/csrf")).json();
  const login = await signedIn.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  if (!login.ok()) throw new Error(`sign-in: ${login.status()}`);
  const pages = await appPages(signedIn.request);
  const state = await signedIn.storageState();

  const weights: PageWeight[] = [];
  for (const page of pages) weights.push(await weighPage(() => browser.newContext({ baseURL: server.appUrl, storageState: state }), page));
  for (const page of SIGNED_OUT_PAGES) weights.push(await weighPage(() => browser.newContext({ baseURL: server.appUrl }), page));

  const lightest = Math.min(...weights.map((w) => w.gzipBytes));
  const budget = (w: PageWeight) => budgetFor(w.name, lightest / 1024);
  const verdict = (w: PageWeight) => (w.gzipBytes / 1024 <= budget(w) ? "meets it" : "**OVER**");
  const rows = weights.map((w) => {
    return `| ${w.name} | ${w.scripts} | ${kb(w.rawBytes)} | **${kb(w.gzipBytes)}** | +${kb(w.gzipBytes - lightest)} | ${budget(w).toFixed(1)} | ${verdict(w)} | ${w.onFocusGzipBytes ? `+${kb(w.onFocusGzipBytes)}` : "–"} |`;
  });
  const table = [
    "| page | scripts | JS kB (raw) | JS kB (gzip) | over the lightest | budget kB | | first focus adds kB (gzip) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");

  // Where the bytes go: every chunk any page loads, by how many pages load it.
  const chunks = new Map<string, { gzipBytes: number; pages: string[] }>();
  for (const w of weights) for (const f of w.files) chunks.set(f.file, { gzipBytes: f.gzipBytes, pages: [...(chunks.get(f.file)?.pages ?? []), w.name] });
  const sources = new Map<string, string>();
  await Promise.all([...chunks.keys()].map(async (file) => sources.set(file, await (await fetch(`${server.appUrl}${file}`)).text())));
  const chunkRows = [...chunks]
    .sort((a, b) => b[1].gzipBytes - a[1].gzipBytes)
    .slice(0, 14)
    .map(([file, c]) => {
      const found = MARKERS.filter(([, re]) => re.test(sources.get(file) ?? "")).map(([name]) => name);
      const loadedBy = c.pages.length === weights.length ? "every page" : c.pages.length > 3 ? `${c.pages.length} pages` : c.pages.join(", ");
      return `| \`${file.split("/").pop()}\` | ${kb(c.gzipBytes)} | ${loadedBy} | ${found.join(", ") || "app code"} |`;
    });
  const chunkTable = ["| chunk | kB (gzip) | loaded by | contains (marker strings found) |", "| --- | --- | --- | --- |", ...chunkRows].join("\n");
  const over = weights.filter((w) => w.gzipBytes / 1024 > budget(w));
  console.log(`\n${table}\n\n${chunkTable}\n\nOver budget: ${over.map((w) => w.name).join(", ") || "none"}.`);
  await writeBenchmarkSection(
    "bench:pages (JavaScript per page, production build)",
    [
      `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:pages\`: the production build (\`next start\`), Chromium, signed in (the sign-in and sign-up pages signed out), each page loaded once in a fresh browser context so nothing comes from cache; every script the page fetched, compressed with gzip (Node's default level). The inline RSC payload in the HTML is data, not counted. Budgets (#19, #28, lib/tooling/bench/page-budgets.ts): ${PAGE_BUDGETS_KB.page} kB for every page, and for a page with a form also no more than ${PAGE_BUDGETS_KB.formOverLightest} kB over the lightest page; the Lab (two react-hook-form forms, two TanStack Query panels) and the new order form (its customer picker searches through TanStack Query), ${PAGE_BUDGETS_KB.bothLibraries} kB. e2e/page-weight.spec.ts fails past them, so nothing grows back. A form's zod schema is not part of its first load: it is fetched when a field first gets focus (components/forms/lazy-schema.ts); the last column is what focusing the page's first form field fetches.`,
      "",
      `${weights.length - over.length} of ${weights.length} pages within budget; over it: ${over.map((w) => w.name).join(", ") || "none"}.`,
      "",
      table,
      "",
      "Where the bytes go: the largest chunks, which pages load them, and the libraries they contain (found by marker strings each library's minified code keeps).",
      "",
      chunkTable,
    ].join("\n"),
  );
  if (over.length > 0) process.exitCode = 1;
} finally {
  await db.end();
  await browser.close();
  await server.stop();
}
