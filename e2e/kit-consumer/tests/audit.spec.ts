// `form-kit audit`, the installed command, against the form server: it must find exactly the
// protections that are off, and exit non-zero when one is.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./form.ts";

interface Result {
  check: string;
  protection: string;
  result: "pass" | "fail" | "error" | "skipped";
  seen: string;
  trace?: string;
}

const CHECKS = ["double-click", "rapid-clicks", "enter-spam", "slow-network", "reload", "back-and-resubmit", "dropped-response"];

function auditCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/form-kit"), ["audit", ...args], { timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function auditJson(url: string, extra: string[] = []) {
  const run = await auditCli([`${url}/form`, "--json", ...extra]);
  expect(run.stderr).toBe("");
  return { code: run.code, results: JSON.parse(run.stdout) as Result[] };
}

const failing = (results: Result[]) => results.filter((r) => r.result !== "pass").map((r) => `${r.check}: ${r.result}`);

test.describe.configure({ timeout: 240_000 });

test.describe("every protection on", () => {
  test("every check passes and the exit status is 0", async ({ server }) => {
    const { code, results } = await auditJson(server.url, ["--count-url", `${server.url}/count`]);
    expect(results.map((r) => r.check)).toEqual(CHECKS);
    expect(failing(results)).toEqual([]);
    expect(code).toBe(0);
    // Each check made its own records, with values it made up: distinct enough that nothing asked.
    const made = results.map((r) => Number(/(\d+) record\(s\) created/.exec(r.seen)?.[1]));
    expect(made).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(server.count()).toBe(7);
  });
});

// The first runs every check; the others run what their protection covers beside one check that
// must still pass (a whole audit takes about 45 s here).
const EXPECTED: Array<{ off: string; only?: string; fails: string[] }> = [
  { off: "disable", fails: ["double-click", "rapid-clicks", "enter-spam", "slow-network"] },
  { off: "prg", only: "double-click,reload,back-and-resubmit", fails: ["reload"] },
  { off: "browser-id", only: "reload,back-and-resubmit,dropped-response", fails: ["back-and-resubmit", "dropped-response"] },
];

for (const { off, only, fails } of EXPECTED) {
  test.describe(`${off} off`, () => {
    test.use({ off: [off] });
    test(`finds exactly ${fails.join(", ")} and exits 1`, async ({ server }) => {
      const { code, results } = await auditJson(server.url, ["--count-url", `${server.url}/count`, ...(only ? ["--only", only] : [])]);
      expect(results.map((r) => r.check)).toEqual(only ? only.split(",") : CHECKS);
      expect(failing(results)).toEqual(fails.map((check) => `${check}: fail`));
      expect(code).toBe(1);
    });
  });
}

test("without --count-url the checks that need records are skipped, and the table says why", async ({ server }) => {
  const run = await auditCli([`${server.url}/form`, "--only", "double-click,back-and-resubmit"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^check\s+protection\s+result\s+what was seen$/m);
  expect(run.stdout).toMatch(/^double-click\s+Disable on submit\s+PASS\s+1 submit request\(s\) in all$/m);
  expect(run.stdout).toMatch(/^back-and-resubmit\s+.*SKIPPED\s+needs --count-url/m);
});

test("--fill chooses a field's value by its label; the rest are made up by type", async ({ server }) => {
  const { code, results } = await auditJson(server.url, ["--only", "double-click", "--count-url", `${server.url}/count`, "--fill", "Name=Grace Hopper"]);
  expect(code).toBe(0);
  expect(results.map((r) => r.result)).toEqual(["pass"]);
  const saved = (await (await fetch(`${server.url}/count`)).json()) as { names: string[] };
  expect(saved.names).toEqual(["Grace Hopper"]);
});

test.describe("a report", () => {
  test.use({ off: ["prg"] });
  test("is an HTML page with a trace of each check that did not pass", async ({ server }) => {
    const dir = mkdtempSync(path.join(tmpdir(), "form-kit-report-"));
    const { code, results } = await auditJson(server.url, ["--only", "double-click,reload", "--report", dir]);
    expect(code).toBe(1);
    expect(results.map((r) => [r.check, r.result, r.trace])).toEqual([
      ["double-click", "pass", undefined],
      ["reload", "fail", path.join(dir, "reload.trace.zip")],
    ]);
    expect(existsSync(path.join(dir, "reload.trace.zip"))).toBe(true);
    expect(existsSync(path.join(dir, "double-click.trace.zip"))).toBe(false);
    const html = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(html).toContain("Post-redirect-get is missing");
    expect(html).toContain('href="reload.trace.zip"');
  });
});

test("a usage error exits 2 with the usage", async () => {
  const run = await auditCli(["not a url"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("Not a URL: not a url");
  expect(run.stderr).toContain("Usage: form-kit audit <url>");
});
