"use client";

// The sign-in and sign-up forms' state, without react-hook-form: two fields do not need it, and
// leaving it out keeps the first page a visitor sees about 12 kB (gzip) lighter. The same zod
// schema checks the fields here (fetched on first focus, lib/forms/lazy-schema.ts) and on the server.
import { useRef, useState, type FormEvent } from "react";
import type * as z from "zod/mini";
import { invalidState } from "@/lib/forms/form-state.ts";
import type { LazySchema } from "@/lib/forms/lazy-schema.ts";
import { focusFirstError } from "@/components/forms/focus-first-error.ts";

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  const submittedOnce = useRef(false);

  async function check(form: HTMLFormElement): Promise<{ values: Credentials; errors: FieldErrors }> {
    const data = new FormData(form);
    const values = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
    const parsed = await schema.safeParse(values);
    if (!parsed) return { values, errors: {} }; // the schema could not be fetched: the server checks
    if (parsed.success) return { values: parsed.data, errors: {} };
    return { values, errors: invalidState(parsed.error, values).fieldErrors };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSubmitting(true);
    submittedOnce.current = true;
    const form = event.currentTarget;
    try {
      const checked = await check(form);
      const found = Object.keys(checked.errors).length > 0 ? checked.errors : ((await submit(checked.values)) ?? {});
      setErrors(found);
      focusFirstError(form, found);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }

  /** After the first submit, errors follow the typing, so a fixed field stops saying it is wrong. */
  async function onChange(event: FormEvent<HTMLFormElement>) {
    if (!submittedOnce.current) return;
    setErrors((await check(event.currentTarget)).errors);
  }

  return { errors, submitting, onSubmit, onChange };
}
