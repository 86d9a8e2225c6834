#!/usr/bin/env node
// form-kit audit <url>: the kit's checks against any form, from the command line.
import { parseArgs } from "node:util";
import { audit, AUDIT_CHECKS, type AuditOptions, type AuditResult } from "./audit.ts";

const USAGE = `Usage: form-kit audit <url> [options]

Opens the page, finds its form, fills it with plausible values and tries to make it save twice:
${AUDIT_CHECKS.map((c) => `  ${c.check.padEnd(18)} ${c.protection}${c.needsCount ? " (needs --count-url)" : ""}`).join("\n")}
Every check creates real records: audit a test or staging system.

Options:
  --form <selector>          the form (default: the first with a field to type in and a submit button)
  --fill <name=value>        a field's value, by name, id or label (repeatable; default: made up by type)
  --count-url <url>          answers how many records exist (a number, or JSON {"count": n})
  --storage-state <file>     Playwright storage state for pages behind a sign-in
  --browser <name>           chromium (default), firefox or webkit
  --executable-path <path>   the browser to run (default: Playwright's; env PLAYWRIGHT_CHROMIUM_PATH for Chromium)
  --only <check,...>         run only these checks
  --report <dir>             write an HTML report there, with a trace of each check that did not pass
  --json                     print the results as JSON
  --headed                   show the browser

Exit status: 0 when every check that ran passed, 1 when a protection is missing or a check could
not run, 2 on a usage error.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function optionsFrom(argv: string[]): { options: AuditOptions; json: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      form: { type: "string" },
      fill: { type: "string", multiple: true },
      "count-url": { type: "string" },
      "storage-state": { type: "string" },
      browser: { type: "string" },
      "executable-path": { type: "string" },
      only: { type: "string" },
      report: { type: "string" },
      json: { type: "boolean" },
      headed: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [command, url, ...rest] = positionals;
  if (command !== "audit") fail(command ? `Unknown command: ${command}` : "Missing command.");
  if (!url || rest.length) fail("audit takes one URL.");
  if (!URL.canParse(url)) fail(`Not a URL: ${url}`);
  const browser = (values.browser ?? "chromium") as AuditOptions["browser"];
  if (!["chromium", "firefox", "webkit"].includes(browser!)) fail(`Unknown browser: ${values.browser}`);
  const fill: Record<string, string> = {};
  for (const pair of values.fill ?? []) {
    const at = pair.indexOf("=");
    if (at < 1) fail(`--fill takes name=value, not ${pair}`);
    fill[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return {
    json: !!values.json,
    options: {
      url,
      form: values.form,
      fill,
      countUrl: values["count-url"],
      storageState: values["storage-state"],
      browser,
      executablePath: values["executable-path"] ?? (browser === "chromium" ? process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined : undefined),
      headed: !!values.headed,
      report: values.report,
      only: values.only
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

function table(results: AuditResult[]): string {
  const rows = [["check", "protection", "result", "what was seen"], ...results.map((r) => [r.check, r.protection, r.result.toUpperCase(), r.seen])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ")).join("\n");
}

async function main() {
  const { options, json } = optionsFrom(process.argv.slice(2));
  let results: AuditResult[];
  try {
    results = await audit(options);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${table(results)}\n`);
  if (options.report && !json) process.stdout.write(`\nReport: ${options.report}/index.html\n`);
  process.exitCode = results.some((r) => r.result === "fail" || r.result === "error") ? 1 : 0;
}

await main();
