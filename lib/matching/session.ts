import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MATCHING } from "./config.ts";

/**
 * Prepares a transaction for matching in one round trip: the trigram threshold the % operator
 * uses, a time limit, and (for saves) a lock on the owner's key so that two near-identical records
 * saved at the same moment are checked one after the other, each seeing the other.
 */
export async function prepareMatching(tx: Prisma.TransactionClient, lockKey: string | null, config = MATCHING): Promise<void> {
  await tx.$queryRaw(matchingSettings(lockKey, config));
}

/** The statement `prepareMatching` runs, for a batch transaction. */
export function matchingSettings(lockKey: string | null, config = MATCHING): Prisma.Sql {
  return Prisma.sql`
    SELECT set_config('pg_trgm.similarity_threshold', ${String(config.customer.nameSimilarity)}, true),
           set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true),
           CASE WHEN ${lockKey}::text IS NULL THEN NULL ELSE pg_advisory_xact_lock(hashtextextended(${lockKey}::text, 0))::text END`;
}

/** A transaction-scoped advisory lock on a key; released at commit or rollback. */
export async function lockKey(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}::text, 0))::text`;
}

/** Runs read-only matching queries (the form's live suggestions) in their own transaction. */
export function matchingSession<T>(db: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await prepareMatching(tx, null);
    return fn(tx);
  });
}
