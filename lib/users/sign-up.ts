import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { HashGateBusy } from "@/lib/auth/hash-gate.ts";
import { claimAttempts, refundAttempt, refundAttempts } from "@/lib/auth/throttle.ts";
import { addressThrottleKey } from "@/lib/net/client-address.ts";
import type { SignUpInput } from "@/lib/validations/auth.ts";
import { createUser } from "./create-user.ts";

export type SignUpResult =
  | { ok: true; id: string }
  | { ok: false; reason: "email-taken" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "busy" };

/**
 * Creates an account, limited per client address (SIGNUP_LIMIT_PER_IP_PER_HOUR). "This email has an
 * account" is an answer an enumerator wants, so each sign-up also counts as a sign-in attempt from
 * its address, refunded when the account is made: finding out costs the same there as at sign-in.
 */
export async function signUp(db: PrismaClient, input: SignUpInput, address: string): Promise<SignUpResult> {
  const ip = addressThrottleKey(address);
  const targets = [
    ["signup", ip],
    ["ip", ip],
  ] as const;
  const claim = await claimAttempts(db, targets);
  if (!claim.ok) return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };
  let result;
  try {
    result = await createUser(db, input);
  } catch (error) {
    if (!(error instanceof HashGateBusy)) throw error;
    await refundAttempts(db, targets);
    return { ok: false, reason: "busy" };
  }
  if (result.ok) await refundAttempt(db, "ip", ip);
  return result;
}
