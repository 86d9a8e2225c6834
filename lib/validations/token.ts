import { z } from "zod";
import { recordId, text } from "./common.ts";

export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;

/** The "New token" form, in the browser and in the server action. */
export const tokenSchema = z.object({
  id: recordId,
  name: text("Name", 100, { required: true }),
  expiresInDays: z.coerce
    .number({ error: "Choose an expiry." })
    .int("Choose a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(365, "A token lasts at most 365 days."),
});

export type TokenFormValues = z.input<typeof tokenSchema>;
export type TokenInput = z.output<typeof tokenSchema>;
