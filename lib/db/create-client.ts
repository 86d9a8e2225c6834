import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";

/**
 * The pool size: DATABASE_POOL_SIZE, else 10. The embedded database sets it to 1: PGlite serves
 * every socket connection from one Postgres session, and statements from several connections can
 * interleave there (seen as "unnamed prepared statement does not exist" and stalled transactions
 * when plain queries and interactive transactions run side by side). One connection per process
 * keeps each process's statements in order; PGlite runs one statement at a time anyway.
 */
export function poolSize(): number {
  return Number(process.env.DATABASE_POOL_SIZE) || 10;
}

export function createPrismaClient(connectionString: string, max = poolSize()): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max }),
    // Secret columns are opt-in per query, so they never end up in a page by accident.
    omit: { user: { passwordHash: true } },
  });
}
