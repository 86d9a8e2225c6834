"use client";

// A form that is not a duplicate-safe create (a token, the sandbox's faults, a merge): react-hook-form
// holds its fields (uncontrolled, `register`) and validates them with the server's zod schema as
// every form does (a lazy resolver, errors once a field is left and then as it is typed), and a
// valid submit runs the same server action a no-JavaScript POST runs (useActionState). Server field
// errors are shown on their fields; one submit runs at a time. `action` must be the server action
// itself, not a wrapper: only a server action's form posts without JavaScript.
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type * as z from "zod/mini";
import type { FormValues } from "@/lib/forms/form-state.ts";
import type { LazySchema } from "@/components/forms/lazy-schema.ts";
import { createSubmitLock } from "@/components/forms/submit-lock.ts";
import { focusFirstError } from "./focus-first-error.ts";
import { lazyResolver } from "./lazy-resolver.ts";

type WithFieldErrors = { status: string; fieldErrors?: Record<string, string>; values?: Record<string, unknown> };

export function useActionForm<S extends WithFieldErrors>(options: {
  schema: LazySchema<z.ZodMiniType>;
  action: (state: S, formData: FormData) => Promise<S>;
  initialState: S;
  defaultValues: FormValues;
  /** What is sent beside the registered fields (a hidden ID), for the resolver. */
  extra?: () => FormValues;
  /** Answers after which the fields start again empty (a token made: the next is another). */
  resetAfter?: (state: S) => boolean;
}) {
  const [state, formAction, pending] = useActionState(options.action as (state: Awaited<S>, data: FormData) => Promise<S>, options.initialState as Awaited<S>);
  const formRef = useRef<HTMLFormElement>(null);
  const [lock] = useState(createSubmitLock);
  const [resolver] = useState(() => lazyResolver(options.schema, options.extra));
  const form = useForm<FormValues>({ mode: "onTouched", defaultValues: options.defaultValues, resolver });
  const { setError, reset } = form;
  const serverErrors = state.fieldErrors;
  const { resetAfter } = options;
  useEffect(() => {
    if (resetAfter?.(state)) reset();
  }, [state, resetAfter, reset]);

  // The action has answered: the next submit may go.
  useEffect(() => {
    if (!pending) lock.release();
  }, [pending, lock]);

  useEffect(() => {
    if (!serverErrors) return;
    for (const [name, message] of Object.entries(serverErrors)) setError(name, { type: "server", message });
    focusFirstError(formRef.current, serverErrors);
  }, [serverErrors, setError]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!lock.take()) return;
    const data = new FormData(event.currentTarget);
    void form.handleSubmit(
      () => startTransition(() => formAction(data)),
      (invalid) => {
        lock.release();
        focusFirstError(formRef.current, invalid);
      },
    )();
  };

  const { errors, isSubmitted } = form.formState;
  return {
    state,
    pending,
    form,
    formProps: { ref: formRef, action: formAction, onSubmit, onFocus: options.schema.prefetch, noValidate: true },
    // Without JavaScript a refused POST renders the page again: what was typed comes back from the server.
    field: (name: string) => ({ ...form.register(name), defaultValue: String(state.values?.[name] ?? options.defaultValues[name] ?? "") }),
    /** The browser's verdict; before any, the server's (a no-JavaScript POST renders it). */
    fieldError: (name: string): string | undefined => errors[name]?.message ?? (isSubmitted ? undefined : serverErrors?.[name]),
  };
}
