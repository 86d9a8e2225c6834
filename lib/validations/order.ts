import * as z from "zod/mini";
import { isUuid } from "@/lib/ids.ts";
import { recordId, text } from "./common.ts";
import { CURRENCIES } from "./fields.ts";

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
  customerId: z.string({ error: "Choose a customer." }).check(z.refine(isUuid, "Choose a customer.")),
  description: text("Description", 500, { required: true, multiline: true }),
  // Each check stops the rest once it fails, so a bad amount gets one message.
  amount: z.pipe(
    z.string({ error: "Enter an amount." }).check(
      z.trim(),
      z.minLength(1, { error: "Enter an amount.", abort: true }),
      z.refine((v) => /^[\d,]*(\.\d*)?$/.test(v), { error: "Enter the amount as a number, like 19.99.", abort: true }),
      z.refine((v) => !/\.\d{3,}$/.test(v), { error: "Use at most two decimals.", abort: true }),
      z.refine((v) => parseAmountToMinor(v) !== null, { error: "Enter the amount as a number, like 19.99.", abort: true }),
      z.refine((v) => parseAmountToMinor(v)! > 0, { error: "The amount must be more than zero.", abort: true }),
      z.refine((v) => parseAmountToMinor(v)! <= MAX_AMOUNT_MINOR, { error: "The amount can be at most 1,000,000.00.", abort: true }),
    ),
    z.transform((v: string) => parseAmountToMinor(v)!),
  ),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
});

/** Quick add order on a customer's page: the customer is the page's, the IDs are made on sending. */
export const quickAddOrderSchema = z.pick(orderSchema, { description: true, amount: true, currency: true });

export type OrderFormValues = z.input<typeof orderSchema>;
export type OrderInput = z.output<typeof orderSchema>;
export const ORDER_FIELDS = ["customerId", "description", "amount", "currency"] as const;
