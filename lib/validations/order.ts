import * as z from "zod/mini";
import { isUuid } from "@/lib/ids.ts";
import { recordId, text } from "./common.ts";
import { parseAmountToMinor, readAmount } from "./amount.ts";
import { CURRENCIES } from "./fields.ts";

export const MAX_AMOUNT_MINOR = 100_000_000; // 1,000,000.00

export { parseAmountToMinor };

/** Amounts are more than zero and at most 1,000,000.00; shared with the API's stricter reading. */
const amountRange = [
  z.refine<string>((v) => parseAmountToMinor(v)! > 0, { error: "The amount must be more than zero.", abort: true }),
  z.refine<string>((v) => parseAmountToMinor(v)! <= MAX_AMOUNT_MINOR, { error: "The amount can be at most 1,000,000.00.", abort: true }),
];

export const orderSchema = z.object({
  id: recordId,
  customerId: z.string({ error: "Choose a customer." }).check(z.refine(isUuid, "Choose a customer.")),
  description: text("Description", 500, { required: true, multiline: true }),
  // Each check stops the rest once it fails, so a bad amount gets one message.
  amount: z.pipe(
    z.string({ error: "Enter an amount." }).check(
      z.trim(),
      z.minLength(1, { error: "Enter an amount.", abort: true }),
      z.superRefine((v, ctx) => {
        const reading = readAmount(v);
        if (!reading.ok) ctx.issues.push({ code: "custom", message: reading.message, input: v, abort: true });
      }),
      ...amountRange,
    ),
    z.transform((v: string) => parseAmountToMinor(v)!),
  ),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
});

/** Quick add order on a customer's page: the customer is the page's, the IDs are made on sending. */
export const quickAddOrderSchema = z.pick(orderSchema, { description: true, amount: true, currency: true });

export type OrderInput = z.output<typeof orderSchema>;
export const ORDER_FIELDS = ["customerId", "description", "amount", "currency"] as const;
