// The API rate limit: a fixed one-minute window per user (shared by all of the user's tokens and
// their session), counted in PostgreSQL by rate-limiter-flexible, so that every instance of the app
// counts against one allowance. A caller that is over the limit is then refused from this
// instance's memory until the window ends, without asking the database again. When the database
// cannot answer, each instance limits on its own (the insurance limiter) rather than refusing or
// waving everyone through.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { settings } from "@/lib/settings/settings.ts";

export const RATE_LIMIT_PER_MINUTE = settings().API_RATE_LIMIT_PER_MINUTE;
const TABLE = "ApiRateLimit";

export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };
type Sql = Pick<PrismaClient, "$queryRawUnsafe">;

export function createRateLimiter(db: Sql, perMinute = RATE_LIMIT_PER_MINUTE) {
  const limiter = new RateLimiterPostgres({
    storeClient: throughPrisma(db),
    storeType: "pool",
    tableName: TABLE,
    tableCreated: true, // by our migration
    keyPrefix: "api",
    points: perMinute,
    duration: 60,
    inMemoryBlockOnConsumed: perMinute + 1,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
  });
  return {
    /** Takes one request from the caller's allowance; when none is left, how long to wait. */
    async take(caller: string): Promise<Allowance> {
      try {
        await limiter.consume(caller);
        return { ok: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
  };
}

/**
 * The store's queries through the app's own Prisma pool, not a second pool: one connection budget,
 * and on the embedded database one ordered connection (lib/db/create-client.ts). Raw queries
 * return BIGINT as BigInt; the store does arithmetic with the window's end, so it gets a number.
 */
function throughPrisma(db: Sql) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(q.text, ...(q.values ?? []));
      const plain = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
      return { rows: plain, rowCount: plain.length };
    },
  };
}
