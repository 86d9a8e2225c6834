// A form's zod schema, fetched on the form's first focus instead of with the page: the schema and
// zod itself are about 7 kB (gzip, webpack build) of a form page's JavaScript, and nothing needs them before the
// first field is left or the form is sent. The server validates every submit with the same schema,
// so if the fetch fails the browser skips its own check and the server's answer shows the errors.
import type * as z from "zod/mini";
import { invalidState, type FormValues } from "@/lib/forms/form-state.ts";

type SafeParseResult<T> = ReturnType<z.ZodMiniType<T>["safeParse"]>;

export interface LazySchema<S extends z.ZodMiniType> {
  /** Starts the fetch; call it when the user shows intent (focus). */
  prefetch(): void;
  /** The schema's verdict, or null when the schema could not be fetched (the server decides). */
  safeParse(values: unknown): Promise<SafeParseResult<z.output<S>> | null>;
  /** The schema if it has arrived, for a decision that cannot wait (a native submit); null until then. */
  peek(): S | null;
}

export function lazySchema<S extends z.ZodMiniType>(load: () => Promise<S>): LazySchema<S> {
  let loading: Promise<S | null> | undefined;
  let loaded: S | null = null;
  const get = () =>
    (loading ??= load().then(
      (schema) => (loaded = schema),
      () => {
        loading = undefined; // try again next time
        return null;
      },
    ));
  return {
    prefetch: () => void get(),
    safeParse: async (values) => (await get())?.safeParse(values) ?? null,
    peek: () => loaded,
  };
}

/** The first error per field ({} when the values pass), or null when the schema could not be fetched. */
export async function fieldErrorsOf(schema: LazySchema<z.ZodMiniType>, values: FormValues): Promise<Record<string, string> | null> {
  const parsed = await schema.safeParse(values);
  if (!parsed) return null;
  return parsed.success ? {} : invalidState(parsed.error, values).fieldErrors;
}
