// `npm run test:unit`: every *.test.ts under lib/, app/ and components/, in Node's own test runner. Files named
// *.server.test.ts prove what only a real PostgreSQL server can show (several sessions contending
// for a lock, statement time limits): they run when TEST_DATABASE_URL names a server, as CI's
// second pass does, and are listed as not run otherwise. *.cluster.test.ts files start several app
// instances and have their own command (`npm run test:cluster`).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const roots = ["lib", "app", "components"];
const skip = new Set(["node_modules", "generated", ".next"]);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : findTests(full);
    return entry.name.endsWith(".test.ts") && !entry.name.endsWith(".cluster.test.ts") ? [full] : [];
  });
}

const all = roots.flatMap(findTests).sort();
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const serverOnly = all.filter((f) => f.endsWith(".server.test.ts"));
const files = onServer ? all : all.filter((f) => !serverOnly.includes(f));
if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}
if (!onServer && serverOnly.length > 0) {
  console.log(`Not run here, they need a PostgreSQL server (TEST_DATABASE_URL): ${serverOnly.join(", ")}`);
}
const args = ["--import", "tsx", "--test", "--test-reporter=spec", ...process.argv.slice(2), ...files];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
