"use client";

import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { describeSignInError } from "@/lib/auth/sign-in-error.ts";
import { lazySchema } from "@/lib/forms/lazy-schema.ts";
import type { SignInInput } from "@/lib/validations/auth.ts";
import { signInWithCredentials } from "./credentials-sign-in.ts";

const schema = lazySchema(() => import("@/lib/validations/auth.ts").then((m) => m.signInSchema));

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: schema.resolver(), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const hydrated = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
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
      <Field id="email" label="Email" error={errors.email?.message}>
        {(aria) => <input {...aria} type="email" autoComplete="email" readOnly={isSubmitting} {...form.register("email")} />}
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        {(aria) => (
          <input {...aria} type="password" autoComplete="current-password" readOnly={isSubmitting} {...form.register("password")} />
        )}
      </Field>
      <button className="button" type="submit" disabled={isSubmitting || !hydrated}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted">
        No account yet? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign up</Link>
      </p>
    </form>
  );
}
