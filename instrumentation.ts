// Server start-up: the periodic cleanups (lib/db/cleanup.ts) and this instance's outbox dispatcher
// (lib/outbox). Several instances may run both at once: cleanup batches and dispatch claims skip
// each other's rows.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startCleanup } = await import("./lib/db/cleanup.ts");
  const { getDb } = await import("./lib/db.ts");
  const { startProcessDispatcher } = await import("./lib/outbox/process-dispatcher.ts");
  startCleanup();
  startProcessDispatcher(getDb());
}
