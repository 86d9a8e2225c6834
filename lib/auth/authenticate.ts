import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { normaliseEmail, signInSchema } from "@/lib/validations/auth.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { clearFailures, recordFailure, secondsUntilAllowed, throttleKey } from "./throttle.ts";

export type AuthResult =
  | { ok: true; user: { id: string; email: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Checks an email and password. Unknown email and wrong password are indistinguishable. */
export async function authenticate(
  db: PrismaClient,
  input: { email?: unknown; password?: unknown },
  ip: string,
): Promise<AuthResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = normaliseEmail(parsed.data.email);

  const wait = await secondsUntilAllowed(db, [throttleKey("email", email), throttleKey("ip", ip)]);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const valid = user
    ? await verifyPassword(user.passwordHash, parsed.data.password)
    : await burnPasswordCheck(parsed.data.password).then(() => false);
  if (!user || !valid) {
    await recordFailure(db, "email", email);
    await recordFailure(db, "ip", ip);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, "email", email);
  return { ok: true, user: { id: user.id, email: user.email } };
}
