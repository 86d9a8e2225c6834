import * as z from "zod/mini";
import { emptyToNull, recordId, text } from "./common.ts";
import { isCountryCode } from "./countries.ts";
import { CUSTOMER_LIMITS } from "./fields.ts";

const EMAIL = z.email();

/** One schema for the customer form: the browser's resolver and the server action both use it. */
export const customerSchema = z.object({
  id: recordId,
  name: text("Name", CUSTOMER_LIMITS.name, { required: true }),
  email: z.pipe(
    text("Email", CUSTOMER_LIMITS.email).check(z.refine((v) => v === "" || EMAIL.safeParse(v).success, "Enter a valid email address, like name@example.com.")),
    z.transform(emptyToNull),
  ),
  phone: z.pipe(
    text("Phone", CUSTOMER_LIMITS.phone).check(
      z.refine((v) => v === "" || /^\+?[\d\s().\-/]+$/.test(v), "Use digits, spaces, and + ( ) - . / only."),
      z.refine((v) => v === "" || v.replace(/\D/g, "").length >= 5, "Enter at least 5 digits."),
    ),
    z.transform(emptyToNull),
  ),
  company: z.pipe(text("Company", CUSTOMER_LIMITS.company), z.transform(emptyToNull)),
  // An optional postal address, each part on its own; left out is the same as empty.
  street: z.pipe(z._default(text("Street", CUSTOMER_LIMITS.street), ""), z.transform(emptyToNull)),
  postcode: z.pipe(
    z
      ._default(text("Postcode", CUSTOMER_LIMITS.postcode), "")
      .check(z.refine((v) => v === "" || /^[\p{L}\d][\p{L}\d\s-]*$/u.test(v), "Use letters, digits, spaces and - only.")),
    z.transform(emptyToNull),
  ),
  city: z.pipe(z._default(text("City", CUSTOMER_LIMITS.city), ""), z.transform(emptyToNull)),
  country: z.pipe(
    z
      ._default(text("Country", 64), "")
      .check(z.refine((v) => v === "" || isCountryCode(v.toUpperCase()), "Choose a country from the list, or give its two-letter ISO code, like DE.")),
    z.transform((v) => emptyToNull(v.toUpperCase())),
  ),
});

export type CustomerInput = z.output<typeof customerSchema>;
export const CUSTOMER_FIELDS = ["name", "email", "phone", "company", "street", "postcode", "city", "country"] as const;
