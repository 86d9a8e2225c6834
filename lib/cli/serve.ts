// `npm run dev` / `npm start`: picks the database (the DATABASE_URL server, else the embedded one),
// migrates it, makes sure a session secret exists, starts the sandbox fulfilment provider unless
// PROVIDER_URL names one, then runs Next.js against them.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded.ts";
import { DEFAULT_PROVIDER_PORT, sandboxCredentials } from "../fulfilment/provider-settings.ts";
import { sandboxAnswers, startSandbox, type Sandbox } from "../provider/spawn.ts";
import { backfillMatchKeysAt } from "../matching/match-keys.ts";
import { migrate } from "../db/migrate.ts";
import { ensureDemoAccount } from "./demo-account.ts";
import { readOrCreateSecret } from "./secret.ts";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: serve.ts dev|start");
  process.exit(2);
}

const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!env.DATABASE_URL) delete env.DATABASE_URL; // an empty value means "unset"
const dataDir = path.resolve(env.DATA_DIR || ".data");
const port = env.PORT || "3000";

let embedded: EmbeddedPostgres | undefined;
let sandbox: Sandbox | undefined;
try {
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_DB === "memory" ? "memory://" : path.join(dataDir, "pglite"),
      port: Number(env.EMBEDDED_DB_PORT || 0),
    });
    env.DATABASE_URL = embedded.url;
    env.DATABASE_POOL_SIZE ??= "1"; // see lib/db/create-client.ts
    console.log(`Database: embedded PostgreSQL (PGlite) ${embedded.owned ? "started" : "shared with a running process"} at ${embedded.url}`);
  } else {
    console.log("Database: the server in DATABASE_URL");
  }

  if (!env.NEXTAUTH_SECRET) {
    if (mode === "start" && !embedded) {
      throw new Error("NEXTAUTH_SECRET is required in production: set it to a long random string (openssl rand -base64 32).");
    }
    env.NEXTAUTH_SECRET = await readOrCreateSecret(dataDir);
  }
  // Without a fixed public URL, next-auth builds its URLs from the request's Host header.
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST ??= "true";

  const result = await migrate(env.DATABASE_URL);
  console.log(
    result.applied.length > 0
      ? `Migrations applied: ${result.applied.join(", ")}`
      : `Migrations: up to date (${result.alreadyApplied.length} applied earlier)`,
  );
  const keyed = await backfillMatchKeysAt(env.DATABASE_URL);
  if (keyed > 0) console.log(`Near-match keys written for ${keyed} customers saved before them`);

  // Like a payment provider's test mode: with no PROVIDER_URL, the sandbox provider runs beside the
  // app, as its own process with its own data (lib/provider).
  if (!env.PROVIDER_URL) {
    const credentials = await sandboxCredentials(dataDir);
    const providerPort = Number(env.PROVIDER_PORT || DEFAULT_PROVIDER_PORT);
    const url = `http://127.0.0.1:${providerPort}`;
    if (await sandboxAnswers(url)) {
      console.log(`Provider sandbox: shared with a running process at ${url}`);
    } else {
      sandbox = await startSandbox({
        port: providerPort,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        webhookSecret: credentials.webhookSecret,
        callbackUrl: `http://127.0.0.1:${port}/api/webhooks/provider`,
        dataDir: env.EMBEDDED_DB === "memory" ? "memory://" : path.join(dataDir, "provider"),
        stdio: "inherit",
      });
    }
    Object.assign(env, {
      PROVIDER_URL: url,
      PROVIDER_CLIENT_ID: credentials.clientId,
      PROVIDER_CLIENT_SECRET: credentials.clientSecret,
      PROVIDER_WEBHOOK_SECRET: credentials.webhookSecret,
      PROVIDER_SANDBOX: "1",
    });
  } else {
    console.log(`Provider: ${env.PROVIDER_URL}`);
  }

  if (mode === "dev" && embedded) {
    const demo = await ensureDemoAccount(env.DATABASE_URL, dataDir);
    if (demo) console.log(`Demo account: ${demo.email} / ${demo.password}`);
  }
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  await sandbox?.stop();
  await embedded?.stop();
  process.exit(1);
}

// Next runs in its own process, so that the embedded database's work never blocks a request.
env.NODE_ENV = mode === "dev" ? "development" : "production";
const server = path.join(path.dirname(fileURLToPath(import.meta.url)), "next-server.ts");
const child = spawn(process.execPath, ["--import", "tsx", server, mode, port], { stdio: "inherit", env: env as NodeJS.ProcessEnv });
console.log(`App: http://localhost:${port}`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", async (code, signal) => {
  await sandbox?.stop();
  await embedded?.stop();
  process.exit(code ?? (signal ? 0 : 1));
});
