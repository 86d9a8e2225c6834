// The audit: the kit's checks run against any page's form from the outside, without access to the
// team's code or database. It finds the form, fills it with plausible values, runs each check in a
// fresh browser context and reports what it saw. Records it creates are real: audit a test system.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  chromium,
  firefox,
  webkit,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Request,
} from "@playwright/test";
import * as checks from "./checks.ts";
import { fillForm } from "./fill.ts";
import { isSubmitOf, type FormTarget } from "./target.ts";

export interface AuditOptions {
  /** The page that shows the form. */
  url: string;
  /** CSS selector of the form. Default: the first form with a field to type in and a submit button. */
  form?: string;
  /** Values by field name, id or label, instead of the plausible ones the audit makes up. */
  fill?: Record<string, string>;
  /** A URL that answers the number of records (a bare number, or JSON `{ "count": n }`). Enables the checks that count records. */
  countUrl?: string;
  /** Playwright storage state (a file, or the object `context.storageState()` returns) for pages behind a sign-in. */
  storageState?: BrowserContextOptions["storageState"];
  browser?: "chromium" | "firefox" | "webkit";
  executablePath?: string;
  headed?: boolean;
  /** A directory for an HTML report, with a trace of each check that did not pass. */
  report?: string;
  /** Check names to run (default: all of them). */
  only?: string[];
  /** How long one check may take before it is given up (default 60 s). */
  checkTimeoutMs?: number;
}

export interface AuditResult {
  check: string;
  /** The protection the check proves. */
  protection: string;
  /** fail: a protection is missing; error: the check could not run (the form or page did not behave as expected). */
  result: "pass" | "fail" | "error" | "skipped";
  /** What the audit saw: the counts, or why the check failed or did not run. */
  seen: string;
  /** The trace file of a check that did not pass, when a report was asked for. */
  trace?: string;
}

interface AuditCheck {
  check: string;
  protection: string;
  needsCount?: boolean;
  run: (t: FormTarget) => Promise<void>;
}

const CLICKS = "Disable on submit";
const ID = "Browser-made ID, idempotent save";

export const AUDIT_CHECKS: readonly AuditCheck[] = [
  { check: "double-click", protection: CLICKS, run: checks.expectSingleSubmitOnDoubleClick },
  { check: "rapid-clicks", protection: CLICKS, run: (t) => checks.expectSingleSubmitOnRapidClicks(t) },
  { check: "enter-spam", protection: CLICKS, run: (t) => checks.expectSingleSubmitOnEnterSpam(t) },
  { check: "slow-network", protection: CLICKS, run: (t) => checks.expectNoDuplicateUnderSlowNetwork(t) },
  { check: "reload", protection: "Post-redirect-get", run: checks.expectNoResubmitOnReload },
  { check: "back-and-resubmit", protection: ID, needsCount: true, run: checks.expectNoDuplicateOnBackAndResubmit },
  { check: "dropped-response", protection: ID, needsCount: true, run: checks.expectRetrySafeAfterDroppedResponse },
];

const BROWSERS = { chromium, firefox, webkit };

export async function audit(options: AuditOptions): Promise<AuditResult[]> {
  const unknown = (options.only ?? []).filter((name) => !AUDIT_CHECKS.some((c) => c.check === name));
  if (unknown.length) throw new Error(`Unknown check(s): ${unknown.join(", ")}. Checks: ${AUDIT_CHECKS.map((c) => c.check).join(", ")}.`);
  const browser = await BROWSERS[options.browser ?? "chromium"].launch({ headless: !options.headed, executablePath: options.executablePath });
  const results: AuditResult[] = [];
  try {
    for (const check of AUDIT_CHECKS) {
      if (options.only?.length && !options.only.includes(check.check)) continue;
      if (check.needsCount && !options.countUrl) {
        results.push({
          check: check.check,
          protection: check.protection,
          result: "skipped",
          seen: "needs --count-url: only a record count tells a repeat from a new record",
        });
        continue;
      }
      results.push(await runOne(browser, check, options));
    }
  } finally {
    await browser.close();
  }
  if (options.report) await writeReport(options, results);
  return results;
}

async function runOne(browser: Browser, check: AuditCheck, options: AuditOptions): Promise<AuditResult> {
  const context = await browser.newContext({ storageState: options.storageState });
  if (options.report) await context.tracing.start({ screenshots: true, snapshots: true, title: check.check });
  const page = await context.newPage();
  const target = formTarget(page, context, options);
  const submits: Request[] = [];
  const isSubmit = isSubmitOf(target);
  page.on("request", (r) => isSubmit(r) && submits.push(r));
  const before = await target.countRecords?.();
  let result: AuditResult;
  try {
    await withTimeout(check.run(target), options.checkTimeoutMs ?? 60_000, check.check);
    const created = before === undefined ? undefined : (await target.countRecords!()) - before;
    result = { check: check.check, protection: check.protection, result: "pass", seen: seenCounts(submits.length, created) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const couldNotRun = !(error instanceof checks.DuplicateCheckError) || message.startsWith("Form kit:");
    result = { check: check.check, protection: check.protection, result: couldNotRun ? "error" : "fail", seen: message.replace(/^Form kit: /, "") };
  }
  if (options.report) {
    const trace = result.result === "pass" ? undefined : path.join(options.report, `${check.check}.trace.zip`);
    await context.tracing.stop(trace ? { path: trace } : {}).catch(() => {});
    if (trace) result.trace = trace;
  }
  await context.close().catch(() => {});
  return result;
}

const seenCounts = (sent: number, created: number | undefined) =>
  `${sent} submit request(s) in all` + (created === undefined ? "" : `, ${created} record(s) created`);

function withTimeout(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const TYPED_FIELD = 'input:not([type="hidden"]):not([type="submit"]):not([type="button"]):not([type="checkbox"]):not([type="radio"]), textarea';
const SUBMIT = 'button[type="submit"], input[type="submit"], button:not([type])';

function formTarget(page: Page, context: BrowserContext, options: AuditOptions): FormTarget {
  const form: Locator = options.form
    ? page.locator(options.form).first()
    : page
        .locator("form")
        .filter({ has: page.locator(TYPED_FIELD) })
        .filter({ has: page.locator(SUBMIT) })
        .first();
  const countUrl = options.countUrl && new URL(options.countUrl, options.url).href;
  return {
    page,
    form,
    open: async () => {
      await page.goto(options.url);
      // Client-rendered forms are usable once the page's scripts have run (hydration).
      await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
      if (!(await form.isVisible())) {
        throw new checks.DuplicateCheckError(
          `Form kit: no form found at ${options.url}${options.form ? ` for ${options.form}` : ""} (pass --form <selector>).`,
        );
      }
      await fillForm(form, options.fill ?? {});
    },
    countRecords: countUrl ? () => readCount(context, countUrl) : undefined,
  };
}

async function readCount(context: BrowserContext, url: string): Promise<number> {
  const response = await context.request.get(url);
  const body = (await response.text()).trim();
  if (!response.ok()) throw new checks.DuplicateCheckError(`Form kit: --count-url answered ${response.status()}.`);
  const parsed: unknown = /^[[{]/.test(body) ? JSON.parse(body) : Number(body);
  const count = typeof parsed === "object" && parsed !== null && "count" in parsed ? Number(parsed.count) : Number(parsed);
  if (!Number.isFinite(count))
    throw new checks.DuplicateCheckError(`Form kit: --count-url did not answer a number or { "count": n } (it answered ${body.slice(0, 60)}).`);
  return count;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function writeReport(options: AuditOptions, results: AuditResult[]): Promise<void> {
  const dir = options.report!;
  await mkdir(dir, { recursive: true });
  const rows = results
    .map((r) => {
      const trace = r.trace
        ? `<a href="${escapeHtml(path.basename(r.trace))}">trace</a> <code>npx playwright show-trace ${escapeHtml(path.basename(r.trace))}</code>`
        : "";
      return `<tr class="${r.result}"><td data-label="Check">${escapeHtml(r.check)}</td><td data-label="Protection">${escapeHtml(r.protection)}</td><td data-label="Result">${r.result.toUpperCase()}</td><td data-label="What was seen">${escapeHtml(r.seen)}</td><td data-label="Trace">${trace}</td></tr>`;
    })
    .join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Form audit: ${escapeHtml(options.url)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #dde1e8; vertical-align: top; }
tr.pass td:nth-child(3) { color: #17693a; } tr.fail td:nth-child(3), tr.error td:nth-child(3) { color: #b3261e; font-weight: 600; } tr.skipped td:nth-child(3) { color: #6b7280; }
code { font-size: 13px; background: #f3f4f6; padding: 0 .25rem; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  body { margin: 1rem; } thead { display: none; } tr { display: block; padding: .5rem 0; border-bottom: 1px solid #dde1e8; }
  td { display: grid; grid-template-columns: 6.5rem 1fr; gap: .5rem; border: 0; padding: .2rem 0; }
  td::before { content: attr(data-label); color: #6b7280; } td:empty { display: none; }
}
</style></head><body>
<h1>Form audit</h1>
<p>${escapeHtml(options.url)}${options.form ? ` · form <code>${escapeHtml(options.form)}</code>` : ""} · ${escapeHtml(new Date().toISOString())}</p>
<table><thead><tr><th>Check</th><th>Protection</th><th>Result</th><th>What was seen</th><th>Trace</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Open a trace with <code>npx playwright show-trace &lt;file&gt;</code> in this directory, or drop it on trace.playwright.dev.</p>
</body></html>
`;
  await writeFile(path.join(dir, "index.html"), html);
  await writeFile(path.join(dir, "results.json"), JSON.stringify(results, null, 2) + "\n");
}
