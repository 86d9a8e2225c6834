import { z } from "zod";
import { isUuid } from "@/lib/ids.ts";
import { recordId, text } from "./common.ts";

export const CURRENCIES = ["USD", "EUR", "GBP"] as const;
export const MAX_AMOUNT_MINOR = 100_000_000; // 1,000,000.00

/** "1,234.50" → 123450 cents; null when it is not a plain amount with at most two decimals. */
export function parseAmountToMinor(value: string): number | null {
  const cleaned = value.trim().replace(/,/g, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export const orderSchema = z.object({
  id: recordId,
  customerId: z.string({ error: "Choose a customer." }).refine(isUuid, "Choose a customer."),
  description: text("Description", 500, { required: true, multiline: true }),
  amount: z
    .string({ error: "Enter an amount." })
    .trim()
    .min(1, "Enter an amount.")
    .refine((v) => /^[\d,]*(\.\d*)?$/.test(v), "Enter the amount as a number, like 19.99.")
    .refine((v) => !/\.\d{3,}$/.test(v), "Use at most two decimals.")
    .transform((v, ctx) => {
      const minor = parseAmountToMinor(v);
      if (minor === null) {
        ctx.addIssue({ code: "custom", message: "Enter the amount as a number, like 19.99." });
        return z.NEVER;
      }
      if (minor <= 0) {
        ctx.addIssue({ code: "custom", message: "The amount must be more than zero." });
        return z.NEVER;
      }
      if (minor > MAX_AMOUNT_MINOR) {
        ctx.addIssue({ code: "custom", message: "The amount can be at most 1,000,000.00." });
        return z.NEVER;
      }
      return minor;
    }),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
});

export type OrderFormValues = z.input<typeof orderSchema>;
export type OrderInput = z.output<typeof orderSchema>;
export const ORDER_FIELDS = ["customerId", "description", "amount", "currency"] as const;
