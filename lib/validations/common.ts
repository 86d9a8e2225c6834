// The forms' schemas use zod/mini: the browser validates with them too, and mini tree-shakes to a
// few kB where the classic API ships whole (bench:pages). The server-only API schemas build on them
// with the classic API (lib/api/schemas.ts).
import * as z from "zod/mini";
import { isUuid } from "@/lib/ids.ts";

// C0 controls (but tab/newline where a field allows them), DEL and C1 controls.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_CHARS_OR_NEWLINES = /[\u0000-\u001F\u007F-\u009F]/;

/** True when a one-line value holds a control character (PostgreSQL refuses a NUL in text outright). */
export const hasControlChars = (v: string) => CONTROL_CHARS_OR_NEWLINES.test(v);

/** A single-line text field: trimmed, required or optional, length-limited, no control characters. */
export function text(label: string, max: number, options: { required?: boolean; multiline?: boolean } = {}) {
  const forbidden = options.multiline ? CONTROL_CHARS : CONTROL_CHARS_OR_NEWLINES;
  const base = z.string({ error: `${label} must be text.` }).check(
    z.trim(),
    z.maxLength(max, `${label} can be at most ${max} characters.`),
    z.refine((v) => !forbidden.test(v), `${label} contains characters that are not allowed.`),
  );
  return options.required ? base.check(z.minLength(1, `Enter ${label.toLowerCase()}.`)) : base;
}

/** The record's ID, made by the browser (or the server-rendered form); any valid UUID. */
export const recordId = z
  .string({ error: "This form has no record ID. Reload the page to start again." })
  .check(z.refine(isUuid, "This form's record ID is not valid. Reload the page to start again."));

/** Optional fields arrive as "" from forms; store them as null. */
export const emptyToNull = (v: string) => (v === "" ? null : v);
