// npm run test:kit: the kit as another team gets it. Packs e2e/kit with `npm pack`, copies this
// project to a temporary directory outside the repository (so nothing resolves to the app's
// node_modules), installs the tarball and @playwright/test there, and runs its tests.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const kit = path.resolve(here, "../kit");
const work = mkdtempSync(path.join(tmpdir(), "form-kit-consumer-"));
const project = path.join(work, "project");
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

npm(["run", "build"], kit);
const tarball = path.join(work, npm(["pack", "--silent", "--pack-destination", work], kit).trim().split("\n").pop());
cpSync(here, project, { recursive: true, filter: (src) => !/node_modules|test-results|run\.mjs$/.test(src) });
npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-save", tarball], project);

const chromium = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  cwd: project,
  stdio: "inherit",
  env: { ...process.env, ...(chromium ? { PLAYWRIGHT_CHROMIUM_PATH: chromium } : {}) },
});
if (run.status === 0) rmSync(work, { recursive: true, force: true });
else console.error(`The kit's outside tests failed; the project is kept at ${project}`);
process.exit(run.status ?? 1);
