"use server";

import { getDb } from "@/lib/db.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { signUpSchema } from "@/lib/validations/auth.ts";

export type SignUpState = { ok: true } | { ok: false; fieldErrors: Partial<Record<"email" | "password", string>>; message?: string };

export async function signUpAction(input: unknown): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const flat = parsed.error.flatten().fieldErrors;
    return { ok: false, fieldErrors: { email: flat.email?.[0], password: flat.password?.[0] } };
  }
  const result = await createUser(getDb(), parsed.data);
  if (!result.ok) {
    return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
  }
  return { ok: true };
}
