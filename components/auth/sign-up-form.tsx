"use client";

import Link from "next/link";
import { useState } from "react";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import type { SignUpInput } from "@/lib/validations/auth.ts";
import type { SignUpState } from "@/components/auth/sign-up-state.ts";
import { signInWithCredentials } from "./credentials-sign-in.ts";
import { useCredentialsForm } from "./use-credentials-form.ts";

const schema = lazySchema(() => import("@/lib/validations/auth.ts").then((m) => m.signUpSchema));

export function SignUpForm({ callbackUrl, action }: { callbackUrl: string; action: (input: SignUpInput) => Promise<SignUpState> }) {
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { errors, submitting, onSubmit, field } = useCredentialsForm(schema, async (values) => {
    setError(null);
    const result = await action(values).catch(() => null);
    if (!result) return setError("Signing up failed. Check your connection and try again.");
    if (!result.ok) {
      if (result.message) setError(result.message);
      return result.fieldErrors;
    }
    const signedIn = await signInWithCredentials(values).catch(() => null);
    window.location.assign(signedIn?.ok ? callbackUrl : "/signin");
    return new Promise(() => {});
  });

  return (
    // method="post": should anything submit it natively, credentials never land in the URL.
    <form className="stack" method="post" onSubmit={onSubmit} onFocus={schema.prefetch} noValidate>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field id="email" label="Email" error={errors.email}>
        {(aria) => <input {...aria} type="email" autoComplete="email" {...field("email")} readOnly={submitting} />}
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password}>
        {(aria) => <input {...aria} type="password" autoComplete="new-password" {...field("password")} readOnly={submitting} />}
      </Field>
      <button className="button" type="submit" disabled={submitting || !hydrated}>
        {submitting ? "Signing up…" : "Sign up"}
      </button>
      <p className="muted">
        Have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}
