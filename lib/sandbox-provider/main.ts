// The sandbox fulfilment provider, as its own process: `node --import tsx lib/sandbox-provider/main.ts`.
// `npm run dev` and `npm start` start it (lib/startup/spawn-sandbox.ts) unless PROVIDER_URL names another.
//   PROVIDER_PORT (4010), PROVIDER_CLIENT_ID / PROVIDER_CLIENT_SECRET (required),
//   PROVIDER_DATA_DIR (.data/provider, or memory://) or PROVIDER_DATABASE_URL (a server database),
//   PROVIDER_ADMIN_TOKEN (for /admin/*; else a random one, written to <data dir>/admin-token),
//   PROVIDER_TOKEN_TTL_SECONDS (300), PROVIDER_WORK_DELAY_MS (500), PROVIDER_FAULT_SEED (1);
//   callbacks: PROVIDER_CALLBACK_URL (none: no callbacks), PROVIDER_WEBHOOK_SECRET (whsec_…; two,
//   space-separated, during a rotation), PROVIDER_CALLBACK_RETRY_MS (5000, doubling up to an hour).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { newAdminToken } from "./admin-access.ts";
import { secretsFrom } from "@/lib/webhooks/signature.ts";
import { emptyCallbackStats, startCallbacks } from "./callbacks.ts";
import { defaultFaults, FaultState } from "./faults.ts";
import { Scenarios } from "./scenarios.ts";
import { createProviderServer, startWork } from "./server.ts";
import { openProviderStore } from "./store.ts";

const env = process.env;
const clientId = env.PROVIDER_CLIENT_ID;
const clientSecret = env.PROVIDER_CLIENT_SECRET;
if (!clientId || !clientSecret) {
  console.error("provider: PROVIDER_CLIENT_ID and PROVIDER_CLIENT_SECRET are required");
  process.exit(2);
}
const port = Number(env.PROVIDER_PORT || 4010);
const dataDir = env.PROVIDER_DATA_DIR || path.resolve(".data/provider");

let adminToken = env.PROVIDER_ADMIN_TOKEN || "";
if (!adminToken) {
  adminToken = newAdminToken();
  if (!dataDir.startsWith("memory://")) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "admin-token"), adminToken, { mode: 0o600 });
  }
}
const store = await openProviderStore({ databaseUrl: env.PROVIDER_DATABASE_URL || undefined, dataDir });
const faults = new FaultState(defaultFaults(env));
const callbackUrl = env.PROVIDER_CALLBACK_URL || "";
let secrets: string[];
try {
  secrets = secretsFrom(env.PROVIDER_WEBHOOK_SECRET);
} catch (error) {
  console.error(`provider: ${(error as Error).message}`);
  process.exit(2);
}
if (callbackUrl && secrets.length === 0) {
  console.error("provider: PROVIDER_CALLBACK_URL is set: PROVIDER_WEBHOOK_SECRET is required too");
  process.exit(2);
}
const callbackStats = emptyCallbackStats();
const scenarios = new Scenarios();
const { server } = createProviderServer({
  store,
  credentials: { clientId, clientSecret },
  adminToken,
  port,
  faults,
  tokenTtlSeconds: Number(env.PROVIDER_TOKEN_TTL_SECONDS || 300),
  callbacks: Boolean(callbackUrl),
  callbackStats,
  scenarios,
});
const stopWork = startWork(store, faults, { callbacks: Boolean(callbackUrl), scenarios });
const stopCallbacks = callbackUrl
  ? startCallbacks(
      store,
      faults,
      {
        url: callbackUrl,
        secrets,
        retryBaseMs: Number(env.PROVIDER_CALLBACK_RETRY_MS || 5_000),
        retryCapMs: 60 * 60_000,
        giveUpAfterMs: 3 * 24 * 60 * 60_000,
      },
      callbackStats,
    )
  : async () => {};

// A test double: it listens on the loopback interface only.
server.listen(port, "127.0.0.1", () => {
  console.log(
    `Provider sandbox: http://127.0.0.1:${port} (data: ${env.PROVIDER_DATABASE_URL ? "server database" : dataDir}, fault seed ${faults.value.seed}, callbacks ${callbackUrl || "off"})`,
  );
  if (!env.PROVIDER_ADMIN_TOKEN) console.log(`Provider sandbox admin token (Authorization: Bearer …): ${adminToken}`);
});
server.on("error", (error) => {
  console.error(`provider: cannot listen on ${port}: ${error.message}`);
  process.exit(1);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  await Promise.all([stopWork(), stopCallbacks()]);
  await store.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
