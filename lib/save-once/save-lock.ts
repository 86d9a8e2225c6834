import type { Prisma } from "@/lib/generated/prisma/client.ts";

/**
 * A save's first statement, taking every lock it needs in one round trip: a bound on each lock wait
 * (`lock_timeout`), the lock on the record's own ID (copies of one submit queue here), then one lock
 * per key of everything the record could match, in one fixed order (by hash) so that two saves never
 * wait for each other in a circle; ID locks come first and a save holds one, so they cannot either.
 * Last, when `matchLimitMs` is given, it limits the statements after it to the match query's time.
 * CASE fixes the order; it returns the statement limit it replaced, which the check puts back.
 */
export async function lockForSave(
  tx: Prisma.TransactionClient,
  lock: { recordKey: string; keys: readonly string[]; lockTimeoutMs: number; matchLimitMs: number | null },
): Promise<string> {
  const [{ previous }] = await tx.$queryRaw<Array<{ previous: string }>>`
    SELECT previous, set_config('statement_timeout', COALESCE(${lock.matchLimitMs === null ? null : String(lock.matchLimitMs)}::text, previous), true) AS limited FROM (
      SELECT CASE
        WHEN set_config('lock_timeout', ${String(lock.lockTimeoutMs)}, true) IS NULL THEN NULL
        WHEN pg_advisory_xact_lock(hashtextextended(${lock.recordKey}::text, 0))::text IS NULL THEN NULL
        WHEN (SELECT count(pg_advisory_xact_lock(h)) FROM (
                SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${[...lock.keys]}::text[]) AS k ORDER BY h) ordered) IS NULL THEN NULL
        ELSE current_setting('statement_timeout') END AS previous
      OFFSET 0) locked`;
  return previous;
}
