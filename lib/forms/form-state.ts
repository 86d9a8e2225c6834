// What a create action answers when it does not redirect. Shared by the server actions and the
// forms, so that the no-JavaScript path (useActionState re-rendering the page) and the JavaScript
// path (calling the action from the submit handler) show the same states.
import type { z } from "zod";
import type { MatchView } from "@/lib/matching/describe.ts";

export type FormValues = Record<string, string>;

export type FormState =
  | { status: "idle" }
  /** Validation failed: errors per field, and what was typed, so nothing is lost. */
  | { status: "invalid"; fieldErrors: Record<string, string>; values: FormValues }
  /** This form's ID was already saved with other values: nothing was overwritten. */
  | { status: "conflict"; recordUrl: string; values: FormValues }
  /** The ID cannot be used by this user; nothing about why is revealed. */
  | { status: "refused"; values: FormValues }
  /** Nothing saved: these records look like this one. The user decides ("Save anyway"). */
  | { status: "possible-duplicate"; matches: MatchView[]; values: FormValues }
  /** The database could not take the save just now (busy, or unreachable): nothing saved, try again. */
  | { status: "unavailable"; values: FormValues };

/** The hidden field that carries the IDs of the matches the user saw, comma-separated. */
export const CONFIRM_FIELD = "confirmDuplicateOf";

export function parseConfirmedIds(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 50);
}

export const IDLE: FormState = { status: "idle" };

/** Strings only, from the fields the form owns; anything else in the body is ignored. */
export function readFormValues(formData: FormData, fields: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const name of fields) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}

export function invalidState(error: z.core.$ZodError, values: FormValues): Extract<FormState, { status: "invalid" }> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { status: "invalid", fieldErrors, values };
}
