// Server start-up: the idempotency-key cleanup, every IDEMPOTENCY_CLEANUP_MINUTES (default 10).
// Several instances may run it at once; lib/api/idempotency.ts's batches skip each other's rows.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startKeyCleanup } = await import("./lib/api/key-cleanup.ts");
  startKeyCleanup();
}
