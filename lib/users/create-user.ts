import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { newId } from "@/lib/ids.ts";
import { normaliseEmail, type SignUpInput } from "@/lib/validations/auth.ts";
import { hashPassword } from "@/lib/auth/password.ts";

export type CreateUserResult = { ok: true; id: string } | { ok: false; reason: "email-taken" };

export async function createUser(db: PrismaClient, input: SignUpInput): Promise<CreateUserResult> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  // The unique index on email decides, so two sign-ups racing for one address make one account.
  const { count } = await db.user.createMany({ data: [{ id, email, passwordHash }], skipDuplicates: true });
  return count === 1 ? { ok: true, id } : { ok: false, reason: "email-taken" };
}
