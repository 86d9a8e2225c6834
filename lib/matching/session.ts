import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MATCHING } from "./config.ts";

/** A time limit for the matching statements of a transaction (duplicate groups, say). */
export function matchingSettings(config = MATCHING): Prisma.Sql {
  return Prisma.sql`SELECT set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true)`;
}

/**
 * A save's first statement: a bound on every lock wait that follows (`lock_timeout`), then the
 * lock on the record's own ID. CASE fixes the order: the bound is set before the lock is waited for.
 */
export async function prepareSave(tx: Prisma.TransactionClient, recordKey: string, lockTimeoutMs: number): Promise<void> {
  await tx.$queryRaw`
    SELECT CASE WHEN set_config('lock_timeout', ${String(lockTimeoutMs)}, true) IS NULL THEN NULL
                ELSE pg_advisory_xact_lock(hashtextextended(${recordKey}::text, 0))::text END`;
}

/**
 * Takes the locks that serialise near-match checks, one per key of everything the record could
 * match, in one fixed order (by hash) so that two saves never wait for each other in a circle; then
 * limits the statements after it to the match query's time. Call `endMatchTimeLimit` after it.
 */
export async function lockForMatching(tx: Prisma.TransactionClient, keys: readonly string[], config = MATCHING): Promise<void> {
  await tx.$queryRaw`
    SELECT set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true)
      FROM (SELECT count(pg_advisory_xact_lock(h)) FROM (
              SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${[...keys]}::text[]) AS k ORDER BY h) ordered) locked`;
}

/** Back to the connection's own statement limit, for the insert and whatever follows. */
export async function endMatchTimeLimit(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SET LOCAL statement_timeout TO DEFAULT`;
}

/** Runs read-only matching queries (duplicate groups, say) in their own transaction. */
export function matchingSession<T>(db: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw(matchingSettings());
    return fn(tx);
  });
}
