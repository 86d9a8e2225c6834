// Server start-up: the periodic cleanup of expired idempotency keys and sign-in throttle rows
// (lib/db/cleanup.ts). Several instances may run it at once; its batches skip each other's rows.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCleanup } = await import("./lib/db/cleanup.ts");
  startCleanup();
}
