import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { settings } from "@/lib/settings/settings.ts";
import { isEmbeddedUrl } from "./embedded-url.ts";
import { statementName } from "./prepared.ts";

/**
 * The pool size: DATABASE_POOL_SIZE, else 10. The embedded database sets it to 1: PGlite serves
 * every socket connection from one Postgres session, and statements from several connections can
 * interleave there (seen as "unnamed prepared statement does not exist" and stalled transactions
 * when plain queries and interactive transactions run side by side). One connection per process
 * keeps each process's statements in order; PGlite runs one statement at a time anyway.
 */
function poolSize(): number {
  return settings().DATABASE_POOL_SIZE;
}

/**
 * Limits that keep a request from hanging on the database: how long to wait for a new connection,
 * and how long any one statement may run (the server cancels it). Longer than any statement of
 * ours should take; a save's lock waits and the match query have tighter limits of their own.
 */
export const DATABASE_TIMEOUTS = {
  connectMs: settings().DATABASE_CONNECT_TIMEOUT_MS,
  statementMs: settings().DATABASE_STATEMENT_TIMEOUT_MS,
};

export function createPrismaClient(connectionString: string, max = poolSize(), timeouts = DATABASE_TIMEOUTS): PrismaClient {
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
