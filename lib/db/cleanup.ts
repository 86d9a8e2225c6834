import { getDb } from "@/lib/db.ts";
import { deleteExpiredKeys } from "./idempotency.ts";

const globalForCleanup = globalThis as unknown as { keyCleanup?: NodeJS.Timeout };

export function startKeyCleanup(minutes = Number(process.env.IDEMPOTENCY_CLEANUP_MINUTES || 10)) {
  if (globalForCleanup.keyCleanup || !process.env.DATABASE_URL) return;
  const run = () =>
    deleteExpiredKeys(getDb()).then(
      (n) => n > 0 && console.log(`idempotency keys: deleted ${n} expired`),
      (error) => console.error("idempotency key cleanup failed (it runs again later):", error),
    );
  globalForCleanup.keyCleanup = setInterval(run, minutes * 60_000);
  globalForCleanup.keyCleanup.unref();
}
