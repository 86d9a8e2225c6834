"use server";

import { headers } from "next/headers";
import { describeSignInError, signInErrorCode } from "@/lib/auth/sign-in-error.ts";
import { getDb } from "@/lib/db/client.ts";
import { clientAddress, FORWARDED_FOR } from "@/lib/net/client-address.ts";
import { signUp } from "@/lib/users/sign-up.ts";
import { signUpSchema } from "@/lib/validations/auth.ts";
import * as z from "zod/mini";
import type { SignUpState } from "@/components/auth/sign-up-state.ts";

export async function signUpAction(input: unknown): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error).fieldErrors;
    return { ok: false, fieldErrors: { email: flat.email?.[0], password: flat.password?.[0] } };
  }
  const address = clientAddress((await headers()).get(FORWARDED_FOR));
  const result = await signUp(getDb(), parsed.data, address);
  if (result.ok) return { ok: true };
  if (result.reason === "email-taken") {
    return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
  }
  return { ok: false, fieldErrors: {}, message: describeSignInError(signInErrorCode(result)) };
}
