import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { addressThrottleKey } from "@/lib/net/client-address.ts";
import { normaliseEmail, signInSchema } from "@/lib/validations/auth.ts";
import { HashGateBusy } from "./hash-gate.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { claimAttempts, clearAttempts, refundAttempt, refundAttempts } from "./throttle.ts";

export type AuthResult =
  | { ok: true; user: { id: string; email: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  /** Too many password checks are running on this server: nothing was counted, try again shortly. */
  | { ok: false; reason: "busy" };

/**
 * Checks an email and password. Unknown email and wrong password are indistinguishable. The attempt
 * is counted against the email and the client's address before any hashing, so throttled attempts
 * cost nothing and simultaneous attempts are limited as a sequence would be.
 */
export async function authenticate(db: PrismaClient, input: { email?: unknown; password?: unknown }, address: string): Promise<AuthResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = normaliseEmail(parsed.data.email);
  const ip = addressThrottleKey(address);

  const targets = [
    ["email", email],
    ["ip", ip],
  ] as const;
  const claim = await claimAttempts(db, targets);
  if (!claim.ok) return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };

  let user: { id: string; email: string } | null;
  let valid: boolean;
  try {
    const row = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
    user = row && { id: row.id, email: row.email };
    valid = row ? await verifyPassword(row.passwordHash, parsed.data.password) : await burnPasswordCheck(parsed.data.password).then(() => false);
  } catch (error) {
    if (!(error instanceof HashGateBusy)) throw error;
    await refundAttempts(db, targets);
    return { ok: false, reason: "busy" };
  }
  if (!user || !valid) return { ok: false, reason: "invalid" }; // both claims stand as failures
  await Promise.all([clearAttempts(db, "email", email), refundAttempt(db, "ip", ip)]);
  return { ok: true, user };
}
