import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MATCHING } from "./config.ts";

/**
 * Live suggestions: the trigram threshold the % operator uses and a time limit, for a batch whose
 * only other statement is the match query, so the limit bounds the match and nothing else.
 */
export function matchingSettings(config = MATCHING): Prisma.Sql {
  return Prisma.sql`SELECT ${similarityThreshold(config)}, set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true)`;
}

/** The threshold the % operator uses, for this transaction. */
const similarityThreshold = (config: typeof MATCHING) =>
  Prisma.sql`set_config('pg_trgm.similarity_threshold', ${String(config.customer.nameSimilarity)}, true)`;

/**
 * A save's first statement: the trigram threshold, a bound on every lock wait that follows
 * (`lock_timeout`), then the lock on the record's own ID. CASE fixes the order: the bound is set
 * before the lock is waited for.
 */
export async function prepareSave(tx: Prisma.TransactionClient, recordKey: string, lockTimeoutMs: number, config = MATCHING): Promise<void> {
  await tx.$queryRaw`
    SELECT ${similarityThreshold(config)},
           CASE WHEN set_config('lock_timeout', ${String(lockTimeoutMs)}, true) IS NULL THEN NULL
                ELSE pg_advisory_xact_lock(hashtextextended(${recordKey}::text, 0))::text END`;
}

/**
 * Takes the lock that serialises near-match checks, then limits the statements after it to the
 * match query's time. Call `endMatchTimeLimit` once the match query has run.
 */
export async function lockForMatching(tx: Prisma.TransactionClient, key: string, config = MATCHING): Promise<void> {
  await tx.$queryRaw`
    SELECT CASE WHEN pg_advisory_xact_lock(hashtextextended(${key}::text, 0))::text IS NULL THEN NULL
                ELSE set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true) END`;
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
