"use client";

// Every duplicate-safe create form: react-hook-form holds the fields (uncontrolled, `register`,
// validated by the same zod schema as the server through a resolver, "onTouched"), and three hooks
// hold what no form library does:
// - useDraftId: the record ID made here before anything is sent, kept in the URL for Back;
// - useSubmitLock: one submit until the server answers, whatever clicks, keys or scripts do;
// - useSaveOutcome: a lost response's "Try again" with the same ID, "Save anyway", "Start a new form".
// Without JavaScript the same action runs as a plain form POST (useActionState).
import { useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useForm, useWatch } from "react-hook-form";
import type * as z from "zod/mini";
import type { LazySchema } from "@/components/forms/lazy-schema.ts";
import { CONFIRM_FIELD, IDLE, type FormValues } from "@/lib/forms/form-state.ts";
import { saveOutcome } from "@/components/forms/save-outcome.ts";
import { focusFirstError } from "./focus-first-error.ts";
import { lazyResolver } from "./lazy-resolver.ts";
import { useDraftId, type SavedRecord } from "./use-draft-id.ts";
import { useSaveOutcome, type CreateAction } from "./use-save-outcome.ts";
import { useSubmitLock } from "./use-submit-lock.ts";

export type { CreateAction } from "./use-save-outcome.ts";
export type { SavedRecord } from "./use-draft-id.ts";
export type { Phase } from "@/components/forms/save-outcome.ts";

export function useCreateForm(options: {
  schema: LazySchema<z.ZodMiniType>;
  action: CreateAction;
  initialId: string;
  emptyValues: FormValues;
  findSaved: (id: string) => Promise<SavedRecord | null>;
}) {
  const [serverState, formAction] = useActionState(options.action, IDLE);
  const outcome = useSaveOutcome(serverState);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldNames = Object.keys(options.emptyValues).filter((name) => name !== "id");
  // Without JavaScript, an invalid POST renders the page again with what was typed.
  const initialValues: FormValues = { ...options.emptyValues, ...("values" in serverState ? serverState.values : {}) };

  // What is sent beside the fields, read by handlers and the resolver, never by rendering: the ID
  // (set after hydration), and the IDs "Save anyway" confirmed (it submits at once, before React has
  // rendered them).
  const sent = useRef({ id: options.initialId, confirmed: "" });
  const dispatch = (event: Parameters<typeof outcome.dispatch>[0]) => {
    sent.current.confirmed = saveOutcome({ answer: null, phase: outcome.phase, confirmed: sent.current.confirmed }, event).confirmed;
    outcome.dispatch(event);
  };
  // The closure reads the ref when the resolver runs (blur, change, submit), not during render.
  // eslint-disable-next-line react-hooks/refs
  const [resolver] = useState(() => lazyResolver(options.schema, () => ({ id: sent.current.id, [CONFIRM_FIELD]: sent.current.confirmed })));
  const form = useForm<FormValues>({
    mode: "onTouched",
    defaultValues: Object.fromEntries(fieldNames.map((name) => [name, initialValues[name] ?? ""])),
    resolver,
  });
  const { setValue, setError, subscribe, control } = form;

  const restore = useCallback(
    (values: FormValues) => {
      for (const name of fieldNames) setValue(name, values[name] ?? options.emptyValues[name] ?? "");
    },
    // The field names are fixed per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setValue],
  );
  const draft = useDraftId({ initialId: options.initialId, findSaved: options.findSaved, restore });
  useEffect(() => {
    sent.current.id = draft.id;
  }, [draft.id]);

  const lock = useSubmitLock(formRef, () => {
    outcome.dispatch({ type: "stopped" });
    draft.checkSent();
  });

  // What is typed is kept for a reload, under the form's ID.
  const { rememberTyped, current } = draft;
  useEffect(
    () => subscribe({ formState: { values: true }, callback: ({ values }) => rememberTyped({ ...(values as FormValues), id: current() }) }),
    [subscribe, rememberTyped, current],
  );
  const watched = useWatch({ control }) as FormValues;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!lock.take()) return;
    dispatch({ type: "submit" });
    void form.handleSubmit(
      async (fields) => {
        const sending: FormValues = { ...fields, id: draft.current(), [CONFIRM_FIELD]: sent.current.confirmed };
        draft.rememberSent(sending);
        const result = await outcome.send(options.action, sending);
        if (result === "redirected") return; // stay locked until the page has changed
        lock.release();
        if (result !== "lost" && result.status === "invalid") {
          for (const [name, message] of Object.entries(result.fieldErrors)) setError(name, { type: "server", message });
          focusFirstError(formRef.current, result.fieldErrors);
        }
      },
      (invalid) => {
        lock.release();
        dispatch({ type: "stopped" });
        focusFirstError(formRef.current, invalid);
      },
    )();
  };

  const { errors, isSubmitted, touchedFields } = form.formState;
  const state = outcome.state;
  /** The browser's verdict once it has one; before that, the server's (the no-JavaScript render). */
  const fieldError = (name: string): string | undefined =>
    errors[name]?.message ?? (!isSubmitted && !touchedFields[name] && state.status === "invalid" ? state.fieldErrors[name] : undefined);

  return {
    id: draft.id,
    values: { ...watched, id: draft.id },
    field: (name: string) => ({ ...form.register(name), defaultValue: initialValues[name] ?? "" }),
    /** For a control that is not the registered input itself (a picker setting a hidden input). */
    setField: (name: string, value: string) => setValue(name, value, { shouldDirty: true, shouldTouch: true, shouldValidate: true }),
    formProps: { ref: formRef, action: formAction, onSubmit, onFocus: options.schema.prefetch },
    retry: () => formRef.current?.requestSubmit(),
    startNew: () => {
      draft.startNew();
      dispatch({ type: "reset" });
    },
    /** "Save anyway": the same record ID again, with the matches the user saw. */
    saveAnyway: (matchIds: string[]) => {
      dispatch({ type: "save-anyway", matchIds });
      formRef.current?.requestSubmit();
    },
    /** "Cancel": close the dialog, keep every entry, save nothing. */
    cancelDuplicate: () => dispatch({ type: "cancel-duplicate" }),
    state,
    phase: outcome.phase,
    saving: outcome.phase === "saving",
    fieldError,
    alreadySaved: draft.alreadySaved,
  };
}
