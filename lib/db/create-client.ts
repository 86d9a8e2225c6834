import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { settings } from "@/lib/settings/settings.ts";
import { isEmbeddedUrl } from "./embedded-url.ts";
import { statementName } from "./prepared.ts";

/**
 * The pool size: DATABASE_POOL_SIZE, else 10. The embedded database sets it to 1: PGlite serves
 * every socket connection from one Postgres session, one statement at a time, and a connection in
 * a transaction holds the session until it ends (lib/db/session-turns.ts), so a second connection
 * in the same process would only wait, and could wait on a transaction of its own process.
 */
function poolSize(): number {
  return settings().DATABASE_POOL_SIZE;
}

/**
 * Limits that keep a request from hanging on the database: how long to wait for a new connection,
 * and how long any one statement may run (the server cancels it). Longer than any statement of
 * ours should take; a save's lock waits and the match query have tighter limits of their own.
 */
export const databaseTimeouts = () => ({
  connectMs: settings().DATABASE_CONNECT_TIMEOUT_MS,
  statementMs: settings().DATABASE_STATEMENT_TIMEOUT_MS,
});

export function createPrismaClient(connectionString: string, max = poolSize(), timeouts = databaseTimeouts()): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(
      {
        connectionString,
        max,
        connectionTimeoutMillis: timeouts.connectMs,
        statement_timeout: timeouts.statementMs,
        // Notices a peer that vanished without closing the connection.
        keepAlive: true,
      },
      // PGlite serves every connection, of every process, from one session, where two connections
      // preparing the same name would collide.
      isEmbeddedUrl(connectionString) ? {} : { statementNameGenerator: statementName },
    ),
    // Secret columns are opt-in per query, so they never end up in a page by accident.
    omit: { user: { passwordHash: true } },
  });
}
