// The Integration Lab's orders go through the outbox under a topic of their own, registered with
// the dispatcher beside the real ones, so that the protections the Lab switches off are switched
// off here and nowhere else: no real order's handler, payload or SQL knows about them. Each switch
// undoes one protection on the real path, so that the Lab's failure is the real failure: a new
// Idempotency-Key per attempt, or callbacks applied without the inbox.
import * as z from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { providerClient, shipmentTopic } from "@/lib/fulfilment/delivery-topics.ts";
import { orderPlacedVariant } from "@/lib/fulfilment/order-placed.ts";
import type { HttpSend } from "@/lib/fulfilment/provider-http.ts";
import type { ProviderSettings } from "@/lib/fulfilment/provider-settings.ts";
import { attemptKey } from "@/lib/fulfilment/shipment-key.ts";
import type { TopicHandlers } from "@/lib/outbox/topics.ts";

export const LAB_ORDER_PLACED = orderPlacedVariant("lab");

const labOptions = z.object({ keyPerAttempt: z.boolean().optional(), inboxOff: z.boolean().optional() }).strict();
export type LabOptions = z.infer<typeof labOptions>;

/** A Lab order's payload: the body the provider gets, and the switches that were off ("lab"). */
export function labPayload<B extends object>(body: B, lab: LabOptions): B & { lab?: LabOptions } {
  return { ...body, ...(Object.keys(lab).length > 0 && { lab }) };
}

/** The body as the provider gets it, and the Lab's options. */
export function splitPayload(payload: Record<string, unknown>): { body: Record<string, unknown>; lab: LabOptions } {
  const { lab, ...body } = payload;
  const parsed = labOptions.safeParse(lab ?? {});
  return { body, lab: parsed.success ? parsed.data : {} };
}

/** What one attempt of a Lab order sends: the body without the options, under the event's ID or, with that switched off, a key of the attempt's own. */
export function labShipmentRequest(event: { id: string; attempts: number }, payload: Record<string, unknown>): { key: string; body: unknown } {
  const { body, lab } = splitPayload(payload);
  return { key: lab.keyPerAttempt ? attemptKey(event) : event.id, body };
}

export function labTopics(db: PrismaClient, o: { provider: ProviderSettings; requestTimeoutMs: number; send?: HttpSend }): TopicHandlers {
  return { [LAB_ORDER_PLACED]: shipmentTopic(db, providerClient(o), z.record(z.string(), z.unknown()), labShipmentRequest) };
}

/**
 * For the webhook: is the callback about this event to be applied without the inbox? Only for a
 * Lab order placed with "Inbox dedupe" off. One boolean, asked in the inbox's own statement.
 */
export const labSkipsInbox = (eventId: string) =>
  Prisma.sql`SELECT (payload->'lab'->>'inboxOff')::boolean FROM "OutboxEvent" WHERE id = ${eventId}::uuid AND topic = ${LAB_ORDER_PLACED}`;
