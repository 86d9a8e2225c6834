// `npm run worker`: an outbox dispatcher on its own, without the web app (each app process also
// runs one). Uses PROVIDER_URL and its credentials, or the sandbox a running `npm run dev` started.
// Needs a PostgreSQL server: the embedded database serves every process from one session, where
// row locks never make two dispatchers skip each other (use the app's own).
import { sandboxCredentials, DEFAULT_PROVIDER_PORT } from "../fulfilment/provider-settings.ts";
import { startProcessDispatcher, stopProcessDispatcher } from "./process-dispatcher.ts";
import { readSettings } from "../settings/settings.ts";
import { openAppDatabase } from "./app-database.ts";

try {
  readSettings();
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL (a PostgreSQL server). On the embedded database the app's own dispatcher delivers.");
  process.exit(2);
}
const database = await openAppDatabase();
const env = { ...process.env };
if (!env.PROVIDER_URL) {
  Object.assign(env, { PROVIDER_URL: `http://127.0.0.1:${env.PROVIDER_PORT || DEFAULT_PROVIDER_PORT}`, ...(await sandboxLogin(database.dataDir)) });
}
if (!startProcessDispatcher(database.db, { ...env, OUTBOX_DISPATCHER: "on" })) {
  await database.close();
  process.exit(1);
}

async function sandboxLogin(dataDir: string) {
  const c = await sandboxCredentials(dataDir);
  return { PROVIDER_CLIENT_ID: c.clientId, PROVIDER_CLIENT_SECRET: c.clientSecret };
}

const stop = async () => {
  await stopProcessDispatcher();
  await database.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
