import type { FieldErrors, Resolver } from "react-hook-form";
import type * as z from "zod/mini";
import { fieldErrorsOf, type LazySchema } from "@/components/forms/lazy-schema.ts";
import type { FormValues } from "@/lib/forms/form-state.ts";

/**
 * The form's schema as a react-hook-form resolver. The schema arrives on first focus
 * (components/forms/lazy-schema.ts); if it cannot be fetched, the values pass and the server checks them.
 * `extra` adds what is not a registered field (the record ID, the matches confirmed).
 */
export function lazyResolver(schema: LazySchema<z.ZodMiniType>, extra: () => FormValues = () => ({})): Resolver<FormValues> {
  return async (values) => {
    const found = await fieldErrorsOf(schema, { ...values, ...extra() });
    if (!found || Object.keys(found).length === 0) return { values, errors: {} };
    const errors: FieldErrors<FormValues> = {};
    for (const [name, message] of Object.entries(found)) errors[name] = { type: "validation", message };
    return { values: {}, errors };
  };
}
