import { z } from "zod";
import { emptyToNull, recordId, text } from "./common.ts";

export const CUSTOMER_LIMITS = { name: 200, email: 254, phone: 40, company: 200 } as const;

/** One schema for the customer form: the browser's resolver and the server action both use it. */
export const customerSchema = z.object({
  id: recordId,
  name: text("Name", CUSTOMER_LIMITS.name, { required: true }),
  email: text("Email", CUSTOMER_LIMITS.email)
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address, like name@example.com.")
    .transform(emptyToNull),
  phone: text("Phone", CUSTOMER_LIMITS.phone)
    .refine((v) => v === "" || /^\+?[\d\s().\-/]+$/.test(v), "Use digits, spaces, and + ( ) - . / only.")
    .refine((v) => v === "" || v.replace(/\D/g, "").length >= 5, "Enter at least 5 digits.")
    .transform(emptyToNull),
  company: text("Company", CUSTOMER_LIMITS.company).transform(emptyToNull),
});

export type CustomerFormValues = z.input<typeof customerSchema>;
export type CustomerInput = z.output<typeof customerSchema>;
export const CUSTOMER_FIELDS = ["name", "email", "phone", "company"] as const;
