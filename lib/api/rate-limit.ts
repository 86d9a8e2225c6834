// A token bucket per user (shared by all of the user's tokens and their session), in this
// process's memory: each instance enforces the limit on its own, which bounds a caller to the limit
// times the instances.
export const RATE_LIMIT_PER_MINUTE = Number(process.env.API_RATE_LIMIT_PER_MINUTE || 600);

interface Bucket { tokens: number; at: number }

export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return {
    /** Takes one request from the caller's allowance; when none is left, how long to wait. */
    take(caller: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const t = now();
      const bucket = buckets.get(caller) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * refillPerMs);
      bucket.at = t;
      buckets.set(caller, bucket);
      if (buckets.size > 10_000) sweep(t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };

  function sweep(t: number) {
    // A bucket that has refilled completely is the same as no bucket.
    for (const [caller, b] of buckets) if (b.tokens + (t - b.at) * refillPerMs >= perMinute) buckets.delete(caller);
  }
}
