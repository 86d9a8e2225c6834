import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { MATCHING } from "./config.ts";

/** A time limit for the matching statements of a transaction (duplicate groups, say). */
function matchingSettings(config = MATCHING): Prisma.Sql {
  return Prisma.sql`SELECT set_config('statement_timeout', ${String(config.statementTimeoutMs)}, true)`;
}

/** Runs read-only matching queries (duplicate groups, say) in their own transaction. */
export function matchingSession<T>(db: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw(matchingSettings());
    return fn(tx);
  });
}
