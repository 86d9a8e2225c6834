// `npm run test:cluster`: the several-instance tests (lib/**/*.cluster.test.ts), one file at a time,
// each starting three instances of the production build on the PostgreSQL server in
// TEST_DATABASE_URL. Builds the app first when there is no build. CI runs it after `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

if (!process.env.TEST_DATABASE_URL) {
  console.error("npm run test:cluster needs TEST_DATABASE_URL, a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres).");
  process.exit(2);
}
if (!existsSync(".next/BUILD_ID") || process.env.CLUSTER_TEST_BUILD === "1") {
  console.log("Building the app (npm run build)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const find = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : find(full);
    return e.name.endsWith(".cluster.test.ts") ? [full] : [];
  });
const files = [...find("lib"), ...find("app")].sort();
const args = ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...process.argv.slice(2), ...files];
process.exit(spawnSync(process.execPath, args, { stdio: "inherit" }).status ?? 1);
