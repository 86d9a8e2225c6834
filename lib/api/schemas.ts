// The API's request bodies: the forms' own zod schemas (lib/validations), with what differs for a
// program instead of a person: `id` optional (the server makes one when absent), optional fields
// may be left out, the near-match confirmation is a list, and unknown fields are refused by name.
import * as z from "zod";
import { isUuid } from "@/lib/ids.ts";
import { decodeCursor } from "./cursor.ts";
import { customerSchema } from "@/lib/validations/customer.ts";
import { MAX_AMOUNT_MINOR, orderSchema, parseAmountToMinor } from "@/lib/validations/order.ts";
import { mergeSchemaWith } from "@/lib/validations/merge.ts";
import { hasControlChars } from "@/lib/validations/common.ts";

/** A search or filter value from the query string: one line of text, no control characters. */
const searchText = (what: string, max: number) =>
  z
    .string()
    .max(max, `${what} can be at most ${max} characters.`)
    .refine((v) => !hasControlChars(v), `${what} contains characters that are not allowed.`);

const uuid = (what: string) =>
  z
    .string({ error: `${what} must be a UUID.` })
    .refine(isUuid, `${what} must be a UUID.`)
    .meta({ format: "uuid" });

const confirmDuplicateOf = z
  .array(uuid("Each confirmDuplicateOf entry"), { error: "confirmDuplicateOf must be a list of IDs." })
  .max(50, "confirmDuplicateOf can list at most 50 IDs.")
  .optional()
  .meta({ description: "The IDs from a `possible-duplicate` answer's `confirmDuplicateOf`: save anyway, beside these." });

const recordIdField = uuid("id").optional().meta({
  description: "The record's ID, made by the client (a UUIDv7 is recommended). Resending it never creates a second record. When absent the server makes one.",
});

// The forms' schemas are zod/mini (lib/validations/common.ts); their fields go into these classic
// objects as they are.
export const apiCustomerSchema = z.strictObject({
  ...customerSchema.shape,
  id: recordIdField,
  email: z.optional(customerSchema.shape.email),
  phone: z.optional(customerSchema.shape.phone),
  company: z.optional(customerSchema.shape.company),
  confirmDuplicateOf,
});

// A program writes amounts one way: digits and a point. The forms also read "12,50", which a
// program sending it most likely meant as 1250 or 12.50 depending on its locale: refused, said why.
const apiAmount = z
  .string({ error: "amount must be a string." })
  .refine((v) => !v.includes(","), {
    message: 'amount uses a point as the decimal separator, like "12.50": commas are not accepted (no thousands separators either).',
    abort: true,
  })
  .refine((v) => /^\d{1,9}(\.\d{1,2})?$/.test(v), {
    message: 'amount must be a decimal string like "19.99": digits, and at most two decimals after a point.',
    abort: true,
  })
  .refine((v) => parseAmountToMinor(v)! > 0, { message: "The amount must be more than zero.", abort: true })
  .refine((v) => parseAmountToMinor(v)! <= MAX_AMOUNT_MINOR, { message: "The amount can be at most 1,000,000.00.", abort: true })
  .transform((v) => parseAmountToMinor(v)!)
  .meta({
    description:
      'A decimal string in the currency\'s major unit with a point, like "19.99": more than 0, at most 1,000,000.00, at most two decimals, no commas.',
  });

export const apiOrderSchema = z.strictObject({
  ...orderSchema.shape,
  id: recordIdField,
  customerId: uuid("customerId"),
  amount: apiAmount,
  confirmDuplicateOf,
});

export const apiMergeSchema = mergeSchemaWith(
  recordIdField.meta({
    description: "The merge's ID, made by the client (a UUIDv7 is recommended). Resending it never merges twice. When absent the server makes one.",
  }),
);

export type ApiCustomerInput = z.output<typeof apiCustomerSchema>;
export type ApiMergeInput = z.output<typeof apiMergeSchema>;
export type ApiOrderInput = z.output<typeof apiOrderSchema>;

const limit = z.coerce
  .number({ error: "limit must be a number." })
  .int("limit must be a whole number.")
  .min(1, "limit is at least 1.")
  .max(100, "limit is at most 100.")
  .default(20);
const cursor = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return null;
    const position = value.length <= 200 ? decodeCursor(value) : null;
    if (!position) ctx.addIssue({ code: "custom", message: "cursor is not valid: pass back a nextCursor unchanged." });
    return position;
  })
  .meta({ description: "The `nextCursor` of the previous page." });

export const customerListQuery = z
  .object({
    email: searchText("email", 254).optional(),
    q: searchText("q", 200).optional(),
    cursor,
    limit,
  })
  .strict();

export const orderListQuery = z
  .object({
    customerId: uuid("customerId").optional(),
    cursor,
    limit,
  })
  .strict();

export const customerMatchQuery = z
  .object({
    name: searchText("name", 1000).default(""),
    email: searchText("email", 1000).optional(),
    phone: searchText("phone", 1000).optional(),
    company: searchText("company", 1000).optional(),
    street: searchText("street", 1000).optional(),
    postcode: searchText("postcode", 1000).optional(),
    city: searchText("city", 1000).optional(),
    country: searchText("country", 1000).optional(),
    exclude: uuid("exclude").optional(),
  })
  .strict();

/** Parses a body or query; issues come back as `{ field, message }`, unknown fields named. */
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown) {
  const result = z.safeParse(schema, input, { reportInput: true });
  return result.success ? ({ ok: true, data: result.data } as const) : ({ ok: false, errors: fieldErrors(result.error) } as const);
}

function fieldErrors(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.flatMap((issue) => {
    const field = issue.path.join(".");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: [field, key].filter(Boolean).join("."), message: "Unknown field." }));
    if (!field) return [{ field: "(body)", message: "The body must be a JSON object." }];
    if (issue.code === "invalid_type") {
      // The forms' messages assume a person at a text box; a program needs to hear about types.
      const message =
        issue.input === undefined ? `${field} is required.` : `${field} must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}.`;
      return [{ field, message }];
    }
    return [{ field, message: issue.message }];
  });
}
