// Callbacks refused at the door, counted per sender address: past the limit an address is answered
// 429 before its request is verified or counted, so a flood of forgeries costs neither a database
// write nor an HMAC. Valid callbacks are never counted, so the real provider, however busy, is
// never slowed. In this instance's memory: behind a balancer each instance allows its own share.
import { RateLimiterMemory } from "rate-limiter-flexible";
import { settings } from "@/lib/settings/settings.ts";

const WEBHOOK_REFUSALS_PER_MINUTE = settings().WEBHOOK_REFUSALS_PER_MINUTE;

export interface RefusalThrottle {
  /** Seconds to wait when `address` has used up its refusals, else null. */
  retryAfter(address: string): Promise<number | null>;
  refused(address: string): Promise<void>;
}

export function refusalThrottle(perMinute = WEBHOOK_REFUSALS_PER_MINUTE): RefusalThrottle {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async retryAfter(address) {
      const state = await limiter.get(address);
      return state && state.consumedPoints >= perMinute ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
    },
    async refused(address) {
      await limiter.penalty(address, 1);
    },
  };
}
