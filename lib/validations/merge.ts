// A merge of customers, as the merge form and the API send it: one schema for both.
import * as z from "zod/mini";
import { isUuid } from "@/lib/ids.ts";
import { recordId } from "./common.ts";

const customerId = (what: string) => z.string({ error: `${what} must be a customer's ID.` }).check(z.refine(isUuid, `${what} must be a customer's ID.`));

/** At most this many records merge into one survivor at a time. */
export const MAX_MERGED = 20;

const mergeFields = {
  into: customerId("into"),
  from: z
    .array(customerId("Each of from"))
    .check(z.minLength(1, "Choose at least one customer to merge."), z.maxLength(MAX_MERGED, `Merge at most ${MAX_MERGED} customers at a time.`)),
  fields: z.optional(
    z.strictObject({
      name: z.optional(customerId("fields.name")),
      email: z.optional(customerId("fields.email")),
      phone: z.optional(customerId("fields.phone")),
      company: z.optional(customerId("fields.company")),
      address: z.optional(customerId("fields.address")),
    }),
  ),
};

/** The merge with its own ID: required from the form, optional through the API (the server makes one). */
export function mergeSchemaWith<I extends z.core.$ZodType<string | undefined>>(id: I) {
  return z
    .strictObject({ id, ...mergeFields })
    .check(z.refine((m) => !m.from.includes(m.into), { message: "A customer cannot be merged into itself.", path: ["from"] }));
}

export const mergeSchema = mergeSchemaWith(recordId);
