"use client";

import Link from "next/link";
import { useState } from "react";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { describeSignInError } from "@/lib/auth/sign-in-error.ts";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import { signInWithCredentials } from "./credentials-sign-in.ts";
import { useCredentialsForm } from "./use-credentials-form.ts";

const schema = lazySchema(() => import("@/lib/validations/auth.ts").then((m) => m.signInSchema));

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { errors, submitting, onSubmit, field } = useCredentialsForm(schema, async (values) => {
    setError(null);
    const result = await signInWithCredentials(values).catch(() => null);
    if (result?.ok && !result.error) {
      // A full load, so that every server component sees the new session cookie.
      window.location.assign(callbackUrl);
      return new Promise(() => {}); // keep the form disabled until the page changes
    }
    setError(describeSignInError(result?.error));
  });

  return (
    // method="post": should anything submit it natively, credentials never land in the URL.
    <form className="stack" method="post" onSubmit={onSubmit} onFocus={schema.prefetch} noValidate>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field id="email" label="Email" error={errors.email}>
        {(aria) => <input {...aria} type="email" autoComplete="email" {...field("email")} readOnly={submitting} />}
      </Field>
      <Field id="password" label="Password" error={errors.password}>
        {(aria) => <input {...aria} type="password" autoComplete="current-password" {...field("password")} readOnly={submitting} />}
      </Field>
      <button className="button" type="submit" disabled={submitting || !hydrated}>
        {submitting ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted">
        No account yet? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign up</Link>
      </p>
    </form>
  );
}
