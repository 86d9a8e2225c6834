// The Lab's short memories (requests received, orders tried): per user, newest first, for a while.
// Kept in the database, so that with several instances the Lab shows the same whichever one
// answers. A teaching aid, not a record: writing one never fails the request it describes.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

type Db = Pick<PrismaClient, "$executeRaw" | "$queryRaw">;

export interface RecentLog<T extends { at: number }> {
  add(db: Db, userId: string, entry: T): Promise<void>;
  /** Newest first, within the window. */
  recent(db: Db, userId: string, now?: number): Promise<T[]>;
}

/** The longest window of any log: older entries are deleted by the cleanup job. */
export const LAB_LOG_RETENTION_MS = 10 * 60_000;

export function recentLog<T extends { at: number }>(name: string, o: { windowMs: number; maxPerUser: number }): RecentLog<T> {
  return {
    async add(db, userId, entry) {
      try {
        // The user's own expired entries go in the same statement, so a busy user's log stays short.
        await db.$executeRaw`
          WITH expired AS (
            DELETE FROM "LabLogEntry" WHERE "userId" = ${userId}::uuid AND log = ${name} AND at < ${new Date(entry.at - o.windowMs)}
          )
          INSERT INTO "LabLogEntry" ("userId", log, at, entry) VALUES (${userId}::uuid, ${name}, ${new Date(entry.at)}, ${JSON.stringify(entry)}::jsonb)`;
      } catch (error) {
        console.error(`Lab log "${name}" not written:`, error);
      }
    },
    async recent(db, userId, now = Date.now()) {
      const rows = await db.$queryRaw<{ entry: T }[]>`
        SELECT entry FROM "LabLogEntry"
        WHERE "userId" = ${userId}::uuid AND log = ${name} AND at > ${new Date(now - o.windowMs)}
        ORDER BY at DESC, id DESC LIMIT ${o.maxPerUser}`;
      return rows.map((r) => r.entry);
    },
  };
}

/** Entries past every window, of users who stopped using the Lab. */
export function deleteExpiredLabLogs(db: Db, now = Date.now()): Promise<number> {
  return db.$executeRaw`DELETE FROM "LabLogEntry" WHERE at < ${new Date(now - LAB_LOG_RETENTION_MS)}`;
}
