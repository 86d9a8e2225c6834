// `prisma generate` never runs the schema engine, but the CLI insists the engine file exists and
// tries to download it otherwise. Where the download is impossible (offline machines), any existing
// file satisfies the check. An explicitly set PRISMA_SCHEMA_ENGINE_BINARY is respected.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
