// Every number that shapes delivery, in one object. Each can be set from the environment
// (OUTBOX_<NAME> in upper snake case, e.g. OUTBOX_MAX_ATTEMPTS), which is how tests and the e2e app
// use seconds where production uses minutes.
export interface DeliveryConfig {
  /** Events claimed per round. */
  batchSize: number;
  /** A claim's length: a dispatcher that dies holding events frees them after this. */
  leaseMs: number;
  /** The wait between rounds that found nothing to do. */
  pollIntervalMs: number;
  /** One call to the provider, from connecting to the last byte of its answer. */
  requestTimeoutMs: number;
  /** Retries: exponential backoff with full jitter, random(0, min(cap, base × 2^(attempt-1))). */
  backoffBaseMs: number;
  backoffCapMs: number;
  maxAttempts: number;
  /** An event still undelivered this long after it was queued (or requeued) is failed. */
  maxAgeMs: number;
  /** Consecutive failed calls (in the order they were made) that open the circuit breaker, and how long it stays open. */
  breakerFailures: number;
  breakerCooldownMs: number;
  /** An acknowledged event with no result after this is checked with the provider. */
  reconcileAfterMs: number;
  /** Confirmed events are deleted this long after confirmation. */
  retentionMs: number;
}

export const DEFAULT_DELIVERY: DeliveryConfig = {
  batchSize: 50,
  leaseMs: 30_000,
  pollIntervalMs: 500,
  requestTimeoutMs: 10_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 10 * 60_000,
  maxAttempts: 10,
  maxAgeMs: 24 * 60 * 60_000,
  // Ten in a row: a provider that fails 30% of calls almost never trips it (0.3^10), a dead one at once.
  breakerFailures: 10,
  breakerCooldownMs: 15_000,
  reconcileAfterMs: 2 * 60_000,
  retentionMs: 7 * 24 * 60 * 60_000,
};

const envName = (key: string) => `OUTBOX_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export function deliveryConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  const config = { ...DEFAULT_DELIVERY };
  for (const key of Object.keys(config) as (keyof DeliveryConfig)[]) {
    const raw = env[envName(key)];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${envName(key)} must be a non-negative number, not "${raw}"`);
    config[key] = value;
  }
  return { ...config, ...overrides };
}
