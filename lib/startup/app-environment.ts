// What `npm run dev`, `npm start` and `npm run start:cluster` do before the app starts: pick the
// database (the DATABASE_URL server, else the embedded one), migrate it, make sure a session secret
// exists, and start the sandbox fulfilment provider unless PROVIDER_URL names one. Returns the
// environment every app process gets.
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded.ts";
import { sandboxCredentials } from "../fulfilment/provider-settings.ts";
import { readSettings } from "../settings/settings.ts";
import { sandboxAnswers, startSandbox, type Sandbox } from "./spawn-sandbox.ts";
import { backfillMatchKeysAt } from "../matching/match-keys.ts";
import { migrate } from "../db/migrate.ts";
import { DEMO_EMAIL, ensureDemoAccount } from "./demo-account.ts";
import { readOrCreateSecret } from "./secret.ts";

export interface AppEnvironment {
  env: Record<string, string | undefined>;
  /** The development database's demo account, to print once the app answers. */
  demo: { email: string; password: string } | null;
  dataDir: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function prepareAppEnvironment(mode: "dev" | "start", o: { port: string; instances?: number }): Promise<AppEnvironment> {
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!env.DATABASE_URL) delete env.DATABASE_URL; // an empty value means "unset"
  const settings = readSettings(env); // a bad value stops the start here, naming the variable
  const dataDir = path.resolve(env.DATA_DIR || ".data");
  const several = (o.instances ?? 1) > 1;

  let embedded: EmbeddedPostgres | undefined;
  let demo: AppEnvironment["demo"] = null;
  let sandbox: Sandbox | undefined;
  const stop = async () => {
    await sandbox?.stop();
    await embedded?.stop();
  };
  try {
    if (!env.DATABASE_URL) {
      if (several) {
        throw new Error(
          "several instances need one PostgreSQL server they all reach: set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/dedupe). " +
            "The embedded database runs inside one process on one machine and serves one app process only.",
        );
      }
      const dataPath = settings.EMBEDDED_DB === "memory" ? "memory://" : path.join(dataDir, "pglite");
      embedded = await startEmbeddedPostgres({ dataDir: dataPath, port: settings.EMBEDDED_DB_PORT });
      if (!embedded.owned) {
        // One PGlite session would serve both apps, where session locks never conflict: two
        // dispatchers and two migrators would not keep each other out. Refuse rather than corrupt.
        embedded = undefined;
        throw new Error(
          `the embedded database in ${dataPath} is already open in another app process. It serves one app process only: ` +
            "stop the other one, give this one its own DATA_DIR, or set DATABASE_URL to a PostgreSQL server to run several.",
        );
      }
      env.DATABASE_URL = embedded.url;
      env.DATABASE_POOL_SIZE ??= "1"; // see lib/db/create-client.ts
      console.log(`Database: embedded PostgreSQL (PGlite) started at ${embedded.url}`);
    } else {
      console.log("Database: the server in DATABASE_URL");
    }

    if (!env.NEXTAUTH_SECRET) {
      if (mode === "start" && !embedded && !several) {
        throw new Error("NEXTAUTH_SECRET is required in production: set it to a long random string (openssl rand -base64 32).");
      }
      // start:cluster on one machine: every instance gets this one secret, so a session cookie
      // signed by one is read by all.
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
    // app, as its own process with its own data (lib/sandbox-provider).
    if (!env.PROVIDER_URL) {
      const credentials = await sandboxCredentials(dataDir);
      const providerPort = settings.PROVIDER_PORT;
      const url = `http://127.0.0.1:${providerPort}`;
      const adminToken = env.PROVIDER_ADMIN_TOKEN || credentials.adminToken;
      if (await sandboxAnswers(url, { adminToken, clientSecret: credentials.clientSecret })) {
        console.log(`Provider sandbox: shared with a running process at ${url}`);
      } else {
        sandbox = await startSandbox({
          port: providerPort,
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
          adminToken,
          webhookSecret: credentials.webhookSecret,
          callbackUrl: `http://127.0.0.1:${o.port}/api/webhooks/provider`,
          dataDir: settings.EMBEDDED_DB === "memory" ? "memory://" : path.join(dataDir, "provider"),
          stdio: "inherit",
        });
      }
      Object.assign(env, {
        PROVIDER_URL: url,
        PROVIDER_CLIENT_ID: credentials.clientId,
        PROVIDER_CLIENT_SECRET: credentials.clientSecret,
        PROVIDER_WEBHOOK_SECRET: credentials.webhookSecret,
        PROVIDER_ADMIN_TOKEN: adminToken,
        PROVIDER_SANDBOX: "1",
      });
      if (mode === "dev") console.log(`Provider sandbox admin token (for its /admin endpoints): ${adminToken}`);
    } else {
      console.log(`Provider: ${env.PROVIDER_URL}`);
    }

    if (mode === "dev" && embedded) demo = await ensureDemoAccount(env.DATABASE_URL, dataDir);
    // On a developer's own machine the demo account runs the sandbox: it may set its faults.
    if (mode === "dev" && !env.ADMIN_EMAILS) env.ADMIN_EMAILS = DEMO_EMAIL;
    if (env.ADMIN_EMAILS) console.log(`Operators (may set the sandbox provider's faults): ${env.ADMIN_EMAILS}`);
  } catch (error) {
    await stop();
    throw error;
  }
  env.NODE_ENV = mode === "dev" ? "development" : "production";
  return { env, demo, dataDir, embedded: Boolean(embedded), stop };
}
