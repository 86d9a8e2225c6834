// What happens after an attempt that did not deliver: try again later (when), or give up (a dead
// letter). Pure functions of the event, the failure and the time, so tests set the clock.
import type { DeliveryConfig } from "@/lib/settings/delivery.ts";

export interface AttemptFailure {
  message: string;
  /** False for answers that will not change on a retry (a 4xx other than 408, 409, 429). */
  retryable: boolean;
  /** From a 429 or 503's Retry-After. */
  retryAfterMs?: number;
}

export type NextStep = { kind: "retry"; delayMs: number } | { kind: "fail" };

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): spreads retries evenly. */
export function backoffDelay(attempt: number, config: Pick<DeliveryConfig, "backoffBaseMs" | "backoffCapMs">, random = Math.random): number {
  const ceiling = Math.min(config.backoffCapMs, config.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function nextStep(
  event: { attempts: number; retryFrom: Date },
  failure: AttemptFailure,
  now: Date,
  config: DeliveryConfig,
  random = Math.random,
): NextStep {
  if (!failure.retryable) return { kind: "fail" };
  if (event.attempts >= config.maxAttempts) return { kind: "fail" };
  const delayMs = failure.retryAfterMs ?? backoffDelay(event.attempts, config, random);
  if (now.getTime() + delayMs - event.retryFrom.getTime() > config.maxAgeMs) return { kind: "fail" };
  return { kind: "retry", delayMs };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. Capped at an hour. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(0, seconds), 60 * 60_000);
}

/** Which HTTP answers are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
