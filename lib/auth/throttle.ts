// Slows down password guessing and mass sign-ups. Attempts are counted per key ("email:<address>",
// "ip:<address>", "signup:<address>") in the database, so every app instance shares them.
//
// An attempt is claimed *before* the password is hashed, in one statement that takes the row's lock:
// a burst of simultaneous attempts is counted one after another, exactly as a sequence would be,
// and an attempt past the limit is refused without costing a hash. A claim counts as a failure
// until the caller learns otherwise (a right password refunds it).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import { settings } from "@/lib/settings/settings.ts";

export interface ThrottlePolicy {
  windowSeconds: number;
  /** Attempts allowed in a window before the key must wait. */
  free: number;
  /** Wait after reaching `free`, doubling with each further attempt; without it, until the window ends. */
  backoff?: { baseSeconds: number; maxSeconds: number };
}

const backoff = { baseSeconds: 2, maxSeconds: 15 * 60 };

export const THROTTLE = {
  email: { windowSeconds: 15 * 60, free: 5, backoff },
  ip: { windowSeconds: 15 * 60, free: settings().SIGNIN_FREE_FAILURES_PER_IP, backoff },
  signup: { windowSeconds: 60 * 60, free: settings().SIGNUP_LIMIT_PER_IP_PER_HOUR },
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleKind = keyof typeof THROTTLE;
export type Claim = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Keys are bounded: a value is an email (≤ 254) or an address, and longer input is refused upstream. */
export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value.slice(0, 300)}`;

/** Counts one attempt for the key, unless the key must wait; then says for how long. */
export async function claimAttempt(
  db: PrismaClient,
  kind: ThrottleKind,
  value: string,
  now = new Date(),
  policy: ThrottlePolicy = THROTTLE[kind],
): Promise<Claim> {
  const key = throttleKey(kind, value);
  const windowExpired = new Date(now.getTime() - policy.windowSeconds * 1000);
  // The count after this attempt, and when the key must wait from then on.
  const count = Prisma.sql`CASE WHEN t."windowStart" <= ${windowExpired} THEN 1 ELSE t."failures" + 1 END`;
  const start = Prisma.sql`CASE WHEN t."windowStart" <= ${windowExpired} THEN ${now} ELSE t."windowStart" END`;
  const first = { count: Prisma.sql`1`, start: Prisma.sql`${now}::timestamptz` };
  const claimed = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "AuthThrottle" AS t ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${now}, ${lockedUntil(policy, first.count, first.start, now)})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${count},
      "windowStart" = ${start},
      "lockedUntil" = ${lockedUntil(policy, count, start, now)}
    WHERE t."lockedUntil" IS NULL OR t."lockedUntil" <= ${now}
    RETURNING "failures"`;
  if (claimed.length === 1) return { ok: true };
  // The row is locked: this attempt was not counted.
  const row = await db.authThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  const waitMs = (row?.lockedUntil?.getTime() ?? now.getTime()) - now.getTime();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export type ThrottleTarget = readonly [ThrottleKind, string];

/**
 * Claims an attempt on each key in turn; when one must wait, the claims already made are taken back,
 * so a refused attempt counts nowhere.
 */
export async function claimAttempts(db: PrismaClient, targets: readonly ThrottleTarget[]): Promise<Claim> {
  for (let i = 0; i < targets.length; i++) {
    const claim = await claimAttempt(db, ...targets[i]);
    if (!claim.ok) {
      await refundAttempts(db, targets.slice(0, i));
      return claim;
    }
  }
  return { ok: true };
}

export async function refundAttempts(db: PrismaClient, targets: readonly ThrottleTarget[]): Promise<void> {
  await Promise.all(targets.map(([kind, value]) => refundAttempt(db, kind, value)));
}

/** Takes back one claimed attempt (it turned out not to be a failure), and its wait if now under the limit. */
export async function refundAttempt(db: PrismaClient, kind: ThrottleKind, value: string, policy: ThrottlePolicy = THROTTLE[kind]): Promise<void> {
  await db.$executeRaw`
    UPDATE "AuthThrottle" SET
      "failures" = GREATEST("failures" - 1, 0),
      "lockedUntil" = CASE WHEN "failures" - 1 < ${policy.free} THEN NULL ELSE "lockedUntil" END
    WHERE "key" = ${throttleKey(kind, value)}`;
}

/** Forgets a key's attempts (a successful sign-in clears its email's). Never fails when there are none. */
export async function clearAttempts(db: PrismaClient, kind: ThrottleKind, value: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "AuthThrottle" WHERE "key" = ${throttleKey(kind, value)}`;
}

/**
 * Deletes rows whose window and wait are both over (they count as nothing), in batches that several
 * instances can run at once without waiting on each other.
 */
export async function deleteExpiredThrottles(db: PrismaClient, { now = new Date(), batchSize = 1000 } = {}): Promise<number> {
  const longestWindow = Math.max(...Object.values(THROTTLE).map((p) => p.windowSeconds));
  const expired = new Date(now.getTime() - longestWindow * 1000);
  return deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "AuthThrottle" WHERE "key" IN (
      SELECT "key" FROM "AuthThrottle"
      WHERE "windowStart" <= ${expired} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`,
  );
}

/**
 * When the key must wait from, as SQL over the row's new count and window start: nothing under the
 * limit; at and past it, a doubling backoff, or (without one) the end of the window.
 */
function lockedUntil(policy: ThrottlePolicy, count: Prisma.Sql, start: Prisma.Sql, now: Date): Prisma.Sql {
  const until = policy.backoff
    ? Prisma.sql`${now}::timestamptz + make_interval(secs => LEAST(${policy.backoff.baseSeconds}::float8 * power(2, LEAST((${count}) - ${policy.free}, 30)), ${policy.backoff.maxSeconds}::float8))`
    : Prisma.sql`(${start}) + make_interval(secs => ${policy.windowSeconds})`;
  return Prisma.sql`CASE WHEN (${count}) >= ${policy.free} THEN ${until} ELSE NULL END`;
}
