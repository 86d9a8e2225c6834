import * as z from "zod/mini";
import { recordId, text } from "./common.ts";

/** The "New token" form, in the browser and in the server action. */
export const tokenSchema = z.object({
  id: recordId,
  name: text("Name", 100, { required: true }),
  expiresInDays: z.coerce
    .number({ error: "Choose an expiry." })
    .check(
      z.refine(Number.isInteger, "Choose a whole number of days."),
      z.gte(1, "A token lasts at least 1 day."),
      z.lte(365, "A token lasts at most 365 days."),
    ),
});

export type TokenInput = z.output<typeof tokenSchema>;
