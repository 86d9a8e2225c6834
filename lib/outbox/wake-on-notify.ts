// Wakes an idle dispatcher when an event is committed, on any instance: a trigger on the outbox
// notifies `outbox_event` when nothing else waits to be sent (prisma/migrations/
// 20261210000100_outbox_notify says why only then), and this listens on a
// connection of its own (LISTEN holds its session; the pool's connections come and go). A lost
// connection is opened again after a pause; meanwhile, and always, the idle poll still finds the work.
import pg from "pg";

export type WakeUps = (wake: () => void) => () => Promise<void>;

const CHANNEL = "outbox_event";

export function wakeOnNotify(databaseUrl: string, o: { reconnectMs?: number; log?: (message: string) => void } = {}): WakeUps {
  const reconnectMs = o.reconnectMs ?? 5_000;
  const log = o.log ?? ((message) => console.warn(message));
  return (wake) => {
    let client: pg.Client | null = null;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    /** Once per connection, whichever of its error and its failed start comes first. */
    const fail = (c: pg.Client, error: unknown) => {
      if (client !== c) return;
      client = null;
      void c.end().catch(() => {});
      if (stopped) return;
      log(`outbox: not listening for new events (${error instanceof Error ? error.message : String(error)}); polling until it can again`);
      timer = setTimeout(() => void listen(), reconnectMs).unref();
    };
    async function listen() {
      const c = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: 5_000 });
      client = c;
      c.on("notification", () => wake());
      c.on("error", (error) => fail(c, error));
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
        // Events committed while no one listened: look now.
        wake();
      } catch (error) {
        fail(c, error);
      }
    }
    void listen();
    return async () => {
      stopped = true;
      clearTimeout(timer);
      // A shutdown does not wait on a database that went away: at most a second for the goodbye.
      const ended = client?.end().catch(() => {});
      await Promise.race([ended, new Promise((r) => setTimeout(r, 1_000).unref())]);
    };
  };
}
