"use client";

// The browser half of duplicate-safe creation, shared by every create form:
// - the record ID is made here, before anything is sent, and kept in the URL (?draft=) so that Back
//   returns to a form with the same ID, whether the page is restored or rendered again;
// - a ref set synchronously on the first submit stops every further click, Enter key or
//   requestSubmit() until the server has answered (a state flag would be seen one render too late);
// - a lost response keeps the form filled and offers "Try again" with the same ID;
// - without JavaScript the same action runs as a plain form POST (useActionState).
// The fields are uncontrolled: their values live in the DOM, so what is typed before the page has
// hydrated is kept, and the server-rendered HTML carries them for the no-JavaScript path. Errors
// appear when a field is left (then follow its typing), and for every field on submit. This is
// react-hook-form's "onTouched" mode in the few lines these forms need; the library itself was
// about 12 kB (gzip) of each create page (#19, BENCHMARKS.md).
import { useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type * as z from "zod/mini";
import { fieldErrorsOf, type LazySchema } from "@/lib/forms/lazy-schema.ts";
import { CONFIRM_FIELD, IDLE, type FormState, type FormValues } from "@/lib/forms/form-state.ts";
import { focusFirstError } from "./focus-first-error.ts";
import { adoptDraftId, guardScriptSubmits, onRestoredFromCache, readSent, rememberSent, rememberTyped, replaceDraftId } from "./draft.ts";

export type CreateAction = (previous: FormState, formData: FormData) => Promise<FormState>;
export type Phase = "idle" | "saving" | "network-error";
/** A field's checked error; a field checked and found fine maps to undefined, hiding any older server error. */
type CheckedErrors = Record<string, string | undefined>;

/** A record this form's ID already saved: named, with its page, so Back can say so at once. */
export interface SavedRecord {
  title: string;
  href: string;
}

export function useCreateForm(options: {
  schema: LazySchema<z.ZodMiniType>;
  action: CreateAction;
  initialId: string;
  emptyValues: FormValues;
  /** Asks the server whether the record with this ID exists (the API, with the session); null when it does not. */
  findSaved: (id: string) => Promise<SavedRecord | null>;
}) {
  const [serverState, formAction] = useActionState(options.action, IDLE);
  const [clientState, setClientState] = useState<FormState | null>(null);
  const state = clientState ?? serverState;
  const [phase, setPhase] = useState<Phase>("idle");
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const initialValues: FormValues = {
    ...options.emptyValues,
    ...("values" in serverState ? serverState.values : { id: options.initialId }),
  };
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<CheckedErrors>({});
  const [alreadySaved, setAlreadySaved] = useState<SavedRecord | null>(null);
  const touched = useRef(new Set<string>());
  const submitted = useRef(false);
  const confirmed = useRef("");

  // The record ID is React state, rendered into a hidden input: React re-applies an uncontrolled
  // input's defaultValue on every render, and a hidden input's value is its default value, so one
  // set from script would be put back. The typed fields stay uncontrolled.
  const [id, setIdState] = useState(initialValues.id ?? "");
  const idRef = useRef(id);
  const setId = (next: string) => {
    idRef.current = next;
    setIdState(next);
  };
  const fieldNames = Object.keys(options.emptyValues).filter((name) => name !== "id");
  const field = (name: string) => ({ name, defaultValue: initialValues[name] ?? "" });
  const element = (name: string) => formRef.current?.elements.namedItem(name) as HTMLInputElement | null | undefined;

  /** What the form holds now: its ID, its fields' values in the DOM, and the matches confirmed by "Save anyway". */
  const readValues = useCallback((): FormValues => {
    const current: FormValues = { id: idRef.current };
    for (const name of fieldNames) current[name] = element(name)?.value ?? "";
    current[CONFIRM_FIELD] = confirmed.current;
    return current;
    // The field names are fixed per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { findSaved } = options;
  const lookUpSaved = useCallback(
    (lookedUp: string) => {
      findSaved(lookedUp).then(
        (saved) => {
          if (saved && idRef.current === lookedUp) setAlreadySaved(saved);
        },
        () => {}, // unknown: submitting again still finds out, safely
      );
    },
    [findSaved],
  );

  // Give the form its browser-made ID, or take back the one in the URL (and what was sent) after Back.
  useEffect(() => {
    const draft = adoptDraftId();
    const restored = draft.sent ?? draft.typed;
    if (restored) {
      for (const name of fieldNames) {
        const input = element(name);
        if (input) input.value = restored[name] ?? options.emptyValues[name] ?? "";
      }
    }
    // The server's HTML cannot know the browser's ID; adopting it after hydration is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setId(draft.id);
    setValues(readValues());
    // Back to a form that was sent: say at once whether it was saved, before anyone edits it.
    if (draft.sent) lookUpSaved(draft.id);
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
        if (readSent(idRef.current)) lookUpSaved(idRef.current);
      }),
    [lookUpSaved],
  );

  /** Checks the named fields against the schema and records the verdict for those fields only. */
  const check = useCallback(
    async (names: string[]) => {
      const found = await fieldErrorsOf(options.schema, readValues());
      if (!found) return; // the schema could not be fetched: the server checks on submit
      setErrors((previous) => {
        const next = { ...previous };
        for (const name of names) next[name] = found[name];
        return next;
      });
    },
    [options.schema, readValues],
  );

  const nameOf = (target: EventTarget) => {
    const name = (target as HTMLInputElement).name;
    return fieldNames.includes(name) ? name : null;
  };
  const onBlur = (event: FormEvent<HTMLFormElement>) => {
    const name = nameOf(event.target);
    if (!name) return;
    touched.current.add(name);
    void check([name]);
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const now = readValues();
    setValues(now);
    rememberTyped(idRef.current, now);
    const name = nameOf(event.target);
    if (name && (touched.current.has(name) || submitted.current)) void check([name]);
  };

  const send = useCallback(
    async (sending: FormValues) => {
      rememberSent(sending.id ?? "", sending);
      const body = new FormData();
      for (const [name, value] of Object.entries(sending)) body.set(name, value);
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
        setErrors(result.fieldErrors);
        focusFirstError(formRef.current, result.fieldErrors);
      }
    },
    [options],
  );

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (inFlight.current) return;
      inFlight.current = true;
      submitted.current = true;
      setPhase("saving");
      // Keep the duplicate dialog up while "Save anyway" is saving; clear anything else.
      setClientState((s) => (s?.status === "possible-duplicate" ? s : null));
      void (async () => {
        const sending = readValues();
        const found = (await fieldErrorsOf(options.schema, sending)) ?? {}; // none fetched: the server checks
        setErrors(found);
        if (Object.keys(found).length > 0) {
          inFlight.current = false;
          setPhase("idle");
          focusFirstError(formRef.current, found);
          return;
        }
        await send(sending);
      })();
    },
    [options.schema, readValues, send],
  );

  const retry = useCallback(() => formRef.current?.requestSubmit(), []);

  /** "Save anyway": the same record ID again, with the matches the user saw. */
  const saveAnyway = useCallback((matchIds: string[]) => {
    confirmed.current = matchIds.join(",");
    formRef.current?.requestSubmit();
  }, []);
  /** "Cancel": close the dialog, keep every entry, save nothing. */
  const cancelDuplicate = useCallback(() => {
    confirmed.current = "";
    setClientState(IDLE);
  }, []);

  /** The same entries under a new ID: for when the user really means a second record. */
  const startNew = useCallback(() => {
    setAlreadySaved(null);
    setId(replaceDraftId());
    setValues(readValues());
    setClientState(IDLE);
  }, [readValues]);

  const fieldError = (name: string): string | undefined =>
    name in errors ? errors[name] : state.status === "invalid" ? state.fieldErrors[name] : undefined;

  return {
    id,
    values,
    field,
    formProps: { ref: formRef, action: formAction, onSubmit, onBlur, onChange, onFocus: options.schema.prefetch },
    retry,
    startNew,
    saveAnyway,
    cancelDuplicate,
    state,
    phase,
    saving: phase === "saving",
    fieldError,
    alreadySaved,
  };
}
