"use client";

// The browser half of duplicate-safe creation, shared by every create form:
// - the record ID is made here, before anything is sent, and kept in the URL (?draft=) so that Back
//   returns to a form with the same ID, whether the page is restored or rendered again;
// - a ref set synchronously on the first submit stops every further click, Enter key or
//   requestSubmit() until the server has answered (react-hook-form's isSubmitting is too late);
// - a lost response keeps the form filled and offers "Try again" with the same ID;
// - without JavaScript the same action runs as a plain form POST (useActionState).
import { useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver.ts";
import type { LazySchema } from "@/lib/forms/lazy-schema.ts";
import type * as z from "zod/mini";
import { CONFIRM_FIELD, IDLE, type FormState, type FormValues } from "@/lib/forms/form-state.ts";
import { adoptDraftId, guardScriptSubmits, onRestoredFromCache, rememberSent, replaceDraftId } from "./draft.ts";

export type CreateAction = (previous: FormState, formData: FormData) => Promise<FormState>;
export type Phase = "idle" | "saving" | "network-error";

export function useCreateForm(options: { schema: LazySchema<z.ZodMiniType>; action: CreateAction; initialId: string; emptyValues: FormValues }) {
  const [serverState, formAction] = useActionState(options.action, IDLE);
  const [clientState, setClientState] = useState<FormState | null>(null);
  const state = clientState ?? serverState;
  const [phase, setPhase] = useState<Phase>("idle");
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const initialValues: FormValues = {
    ...options.emptyValues,
    ...("values" in serverState ? serverState.values : { id: options.initialId }),
    [CONFIRM_FIELD]: "",
  };
  const form = useForm<FormValues>({
    resolver: lazyResolver<FormValues>(options.schema),
    defaultValues: initialValues,
    mode: "onTouched",
  });
  // register() sets values from JavaScript only; the server-rendered HTML needs them as
  // attributes, or a form without JavaScript would post (and show after an error) empty fields.
  const field = (name: string) => ({ ...form.register(name), defaultValue: initialValues[name] ?? "" });

  // Give the form its browser-made ID, or take back the one in the URL after Back.
  useEffect(() => {
    const { id, sent } = adoptDraftId();
    if (sent) form.reset({ ...options.emptyValues, ...sent, id });
    else form.setValue("id", id);
    // Runs once per form instance; a genuinely new record is a new page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => (formRef.current ? guardScriptSubmits(formRef.current) : undefined), []);

  // A page restored from the back-forward cache keeps its old JavaScript state: unlock it.
  useEffect(
    () =>
      onRestoredFromCache(() => {
        inFlight.current = false;
        setPhase("idle");
      }),
    [],
  );

  const send = useCallback(
    async (values: FormValues) => {
      rememberSent(values.id, values);
      const body = new FormData();
      for (const [name, value] of Object.entries(values)) body.set(name, value);
      let result: FormState | undefined;
      try {
        result = await options.action(IDLE, body);
      } catch {
        // The request failed or its answer was lost; the save may or may not have happened.
        // Retrying sends the same ID, so either way it cannot make a copy.
        inFlight.current = false;
        setPhase("network-error");
        return;
      }
      // No result: the action redirected and the page is changing. Stay locked until it has.
      if (!result) return;
      inFlight.current = false;
      setPhase("idle");
      setClientState(result);
      if (result.status === "invalid") {
        for (const [name, message] of Object.entries(result.fieldErrors)) form.setError(name, { message });
      }
    },
    [form, options],
  );

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (inFlight.current) return;
      inFlight.current = true;
      setPhase("saving");
      // Keep the duplicate dialog up while "Save anyway" is saving; clear anything else.
      setClientState((s) => (s?.status === "possible-duplicate" ? s : null));
      void form.handleSubmit(
        () => send(form.getValues()),
        () => {
          inFlight.current = false;
          setPhase("idle");
        },
      )();
    },
    [form, send],
  );

  const retry = useCallback(() => formRef.current?.requestSubmit(), []);

  /** "Save anyway": the same record ID again, with the matches the user saw. */
  const saveAnyway = useCallback(
    (matchIds: string[]) => {
      form.setValue(CONFIRM_FIELD, matchIds.join(","));
      formRef.current?.requestSubmit();
    },
    [form],
  );
  /** "Cancel": close the dialog, keep every entry, save nothing. */
  const cancelDuplicate = useCallback(() => {
    form.setValue(CONFIRM_FIELD, "");
    setClientState(IDLE);
  }, [form]);

  /** The same entries under a new ID: for when the user really means a second record. */
  const startNew = useCallback(() => {
    form.setValue("id", replaceDraftId());
    setClientState(IDLE);
  }, [form]);
  const fieldError = (name: string): string | undefined =>
    form.formState.errors[name]?.message ?? (state.status === "invalid" ? state.fieldErrors[name] : undefined);

  return { form, field, prefetchSchema: options.schema.prefetch, formRef, formAction, onSubmit, retry, startNew, saveAnyway, cancelDuplicate, state, phase, saving: phase === "saving", fieldError };
}
