import * as z from "zod/mini";
import { recordId, text } from "./common.ts";
import { TICKET_LIMITS } from "./fields.ts";

// TICKET_LIMITS are small on purpose: after a refused submit the Lab hands what was typed back through a cookie.
const fields = {
  title: text("Title", TICKET_LIMITS.title, { required: true }),
  details: text("Details", TICKET_LIMITS.details, { multiline: true }),
};

/** The Lab's ticket form, shared by the browser and the server: the record ID comes from the form. */
export const ticketSchema = z.object({ id: recordId, ...fields });
/** The same form with "Browser-generated ID" switched off: the server makes the ID. */
export const ticketWithoutIdSchema = z.object(fields);

export type TicketInput = z.output<typeof ticketSchema>;
export const TICKET_FIELDS = ["title", "details"] as const;
