// Server start-up: the periodic cleanups (lib/startup/cleanup.ts) and this instance's outbox dispatcher
// (lib/outbox). Several instances may run both at once: cleanup batches and dispatch claims skip
// each other's rows.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startCleanup } = await import("./lib/startup/cleanup.ts");
  const { getDb } = await import("./lib/db/client.ts");
  const { startProcessDispatcher } = await import("./lib/startup/process-dispatcher.ts");
  startCleanup();
  startProcessDispatcher(getDb());
}
