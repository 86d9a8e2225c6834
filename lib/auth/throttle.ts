// Slows down password guessing: failures are counted per email and per client IP in the database
// (so every app instance shares them), and past a limit each further attempt must wait longer.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export const THROTTLE = {
  windowSeconds: 15 * 60,
  freeFailures: { email: 5, ip: 30 },
  /** Wait after the first failure over the limit; doubles with each further one. */
  baseDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
} as const;

export type ThrottleKind = keyof typeof THROTTLE.freeFailures;
export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value}`;

/** Seconds the caller must still wait, or 0 when none of the keys is locked. */
export async function secondsUntilAllowed(db: PrismaClient, keys: string[], now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const latest = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return latest === 0 ? 0 : Math.ceil((latest - now.getTime()) / 1000);
}

export async function recordFailure(db: PrismaClient, kind: ThrottleKind, value: string, now = new Date()): Promise<void> {
  const key = throttleKey(kind, value);
  const windowStartBefore = new Date(now.getTime() - THROTTLE.windowSeconds * 1000);
  // One statement, so concurrent failures each count.
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartBefore} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartBefore} THEN ${now} ELSE "AuthThrottle"."windowStart" END
    RETURNING "failures"`;
  const over = row.failures - THROTTLE.freeFailures[kind];
  if (over > 0) {
    const delay = Math.min(THROTTLE.baseDelaySeconds * 2 ** (over - 1), THROTTLE.maxDelaySeconds);
    await db.authThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + delay * 1000) } });
  }
}

export async function clearFailures(db: PrismaClient, kind: ThrottleKind, value: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: throttleKey(kind, value) } });
}
