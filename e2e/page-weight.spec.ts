// #19: the JavaScript every page loads on first visit stays within its budget (lib/tooling/bench/page-budgets.ts),
// measured as `npm run bench:pages` measures it, so the weight cannot creep back.
import { appPages, kb, SIGNED_OUT_PAGES, weighPage, type PageWeight } from "../lib/tooling/bench/page-weight.ts";
import { budgetFor } from "../lib/tooling/bench/page-budgets.ts";
import { expect, test } from "./support/fixtures.ts";

test("every page's JavaScript stays within its budget (lib/tooling/bench/page-budgets.ts)", async ({ page, browser, baseURL, user }) => {
  void user; // signs the page's context in
  test.setTimeout(120_000);
  const pages = await appPages(page.request);
  const state = await page.context().storageState();
  const weights: PageWeight[] = [];
  for (const p of pages) weights.push(await weighPage(() => browser.newContext({ baseURL, storageState: state }), p));
  for (const p of SIGNED_OUT_PAGES) weights.push(await weighPage(() => browser.newContext({ baseURL }), p));
  const lightest = Math.min(...weights.map((w) => w.gzipBytes)) / 1024;
  const report = weights.map((w) => `${w.name}: ${kb(w.gzipBytes)} kB (budget ${budgetFor(w.name, lightest).toFixed(1)})`).join("\n");
  for (const w of weights) {
    expect(w.scripts, `${w.name} loaded scripts`).toBeGreaterThan(0);
    expect(w.gzipBytes / 1024, `${w.name} over budget:\n${report}`).toBeLessThanOrEqual(budgetFor(w.name, lightest));
  }
});
