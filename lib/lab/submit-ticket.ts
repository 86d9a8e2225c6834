import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { CONFIRM_FIELD, invalidState, parseConfirmedIds, type FormValues } from "@/lib/forms/form-state.ts";
import { newId } from "@/lib/ids.ts";
import { saveTicket, type TicketSaveOutcome } from "@/lib/tickets/save-ticket.ts";
import { ticketSchema, ticketWithoutIdSchema } from "@/lib/validations/ticket.ts";
import type { LabSettings } from "./settings.ts";
import * as z from "zod/mini";

export type TicketSubmission =
  { status: "invalid"; fieldErrors: Record<string, string>; values: FormValues } | (TicketSaveOutcome & { ticketId: string; values: FormValues });

/**
 * One POST of the Lab's ticket form, under the user's switches. With "Browser-generated ID" off the
 * server makes a new ID for every request, which is exactly why a replayed request then makes a copy.
 */
export async function submitTicket(db: PrismaClient, ownerId: string, values: FormValues, settings: LabSettings): Promise<TicketSubmission> {
  const parsed = (
    settings.browserId
      ? ticketSchema
      : z.pipe(
          ticketWithoutIdSchema,
          z.transform((t) => ({ ...t, id: newId() })),
        )
  ).safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const ticketId = parsed.data.id;
  const outcome = await saveTicket(db, ownerId, parsed.data, { confirmedMatchIds: parseConfirmedIds(values[CONFIRM_FIELD]), nearMatch: settings.nearMatch });
  return { ...outcome, ticketId, values };
}
