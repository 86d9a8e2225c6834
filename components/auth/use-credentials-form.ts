"use client";

// The sign-in and sign-up forms: react-hook-form with the same zod schema as the server (fetched on
// first focus, components/forms/lazy-schema.ts), errors on submit and then as a field is typed, and
// the submit lock every duplicate-safe form uses, so a double click signs up once.
import { useState, type FormEvent } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type * as z from "zod/mini";
import type { LazySchema } from "@/components/forms/lazy-schema.ts";
import { createSubmitLock } from "@/components/forms/submit-lock.ts";
import { focusFirstError } from "@/components/forms/focus-first-error.ts";
import { lazyResolver } from "@/components/forms/lazy-resolver.ts";

export interface Credentials {
  email: string;
  password: string;
}
export type FieldErrors = Partial<Record<keyof Credentials, string>>;

/**
 * `submit` gets the checked values and may answer with field errors from the server; it never
 * runs twice at once, however often the form is submitted.
 */
export function useCredentialsForm(schema: LazySchema<z.ZodMiniType<Credentials>>, submit: (values: Credentials) => Promise<FieldErrors | void>) {
  const [lock] = useState(createSubmitLock);
  const [submitting, setSubmitting] = useState(false);
  const [resolver] = useState(() => lazyResolver(schema) as unknown as Resolver<Credentials>);
  // Errors on submit, then as fields are typed: an error shown when the password field is left
  // would push the button down between the press and the release of the click that left it.
  const form = useForm<Credentials>({ mode: "onSubmit", reValidateMode: "onChange", defaultValues: { email: "", password: "" }, resolver });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!lock.take()) return;
    setSubmitting(true);
    const element = event.currentTarget;
    void form
      .handleSubmit(
        async (values) => {
          const found = (await submit(values)) ?? {};
          for (const [name, message] of Object.entries(found)) if (message) form.setError(name as keyof Credentials, { type: "server", message });
          focusFirstError(element, found);
        },
        (invalid) => focusFirstError(element, invalid),
      )()
      .finally(() => {
        lock.release();
        setSubmitting(false);
      });
  }

  const { errors } = form.formState;
  return {
    errors: { email: errors.email?.message, password: errors.password?.message } as FieldErrors,
    submitting,
    onSubmit,
    field: (name: keyof Credentials) => form.register(name),
  };
}
