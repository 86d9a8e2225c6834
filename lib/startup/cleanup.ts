// Rows that only matter for a while: expired Idempotency-Keys and sessions, spent sign-in throttle counters, Lab logs,
// delivered outbox events and inbox messages past their retention, and reports of dispatchers
// that stopped. Deleted in batches every IDEMPOTENCY_CLEANUP_MINUTES (default 10) on each instance;
// each batch skips rows another instance is deleting, so several can run at once.
import { deleteExpiredKeys } from "@/lib/api/idempotency.ts";
import { deleteExpiredSessions } from "@/lib/auth/sessions.ts";
import { deleteExpiredThrottles } from "@/lib/auth/throttle.ts";
import { getDb } from "@/lib/db/client.ts";
import { deleteExpiredInbox } from "@/lib/inbox/receive.ts";
import { deleteExpiredLabLogs } from "@/lib/lab/recent-log.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";
import { deleteDeliveredEvents, deleteSilentDispatchers } from "@/lib/outbox/store.ts";
import { settings } from "@/lib/settings/settings.ts";

const globalForCleanup = globalThis as unknown as { cleanup?: NodeJS.Timeout };

const JOBS = [
  { name: "idempotency keys", run: deleteExpiredKeys },
  { name: "sign-in throttles", run: deleteExpiredThrottles },
  { name: "expired sessions", run: (db: Parameters<typeof deleteExpiredKeys>[0]) => deleteExpiredSessions(db) },
  {
    name: "delivered outbox events",
    run: (db: Parameters<typeof deleteExpiredKeys>[0]) => deleteDeliveredEvents(db, { retentionMs: deliveryConfig().retentionMs }),
  },
  { name: "dispatcher reports", run: deleteSilentDispatchers },
  { name: "Lab logs", run: (db: Parameters<typeof deleteExpiredKeys>[0]) => deleteExpiredLabLogs(db) },
  { name: "inbox messages", run: (db: Parameters<typeof deleteExpiredKeys>[0]) => deleteExpiredInbox(db, { retentionMs: settings().INBOX_RETENTION_MS }) },
];

export function startCleanup(minutes = settings().IDEMPOTENCY_CLEANUP_MINUTES) {
  if (globalForCleanup.cleanup || !process.env.DATABASE_URL) return;
  const run = () =>
    JOBS.map(({ name, run }) =>
      run(getDb()).then(
        (n) => n > 0 && console.log(`${name}: deleted ${n} expired`),
        (error) => console.error(`${name} cleanup failed (it runs again later):`, error),
      ),
    );
  globalForCleanup.cleanup = setInterval(run, minutes * 60_000);
  globalForCleanup.cleanup.unref();
}
