// react-hook-form's resolver for a schema fetched on first focus (lazy-schema.ts): it validates once
// the schema is there, and lets the values through for the server to check if it cannot be fetched.
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/mini";
import type { LazySchema } from "./lazy-schema.ts";

export function lazyResolver<T extends FieldValues>(schema: LazySchema<z.ZodMiniType>): Resolver<T> {
  return async (values, context, options) => {
    const loaded = await schema.load();
    if (!loaded) return { values, errors: {} };
    return (zodResolver(loaded as never) as unknown as Resolver<T>)(values, context, options);
  };
}
