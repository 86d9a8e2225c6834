// `npm run test:unit`: every *.test.ts under lib/ and app/, in Node's own test runner.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const roots = ["lib", "app"];
const skip = new Set(["node_modules", "generated", ".next"]);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : findTests(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const files = roots.flatMap(findTests).sort();
if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}
const args = ["--import", "tsx", "--test", "--test-reporter=spec", ...process.argv.slice(2), ...files];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
