// What the Integration Lab can switch off for one order, carried in its event's payload under "lab"
// (never sent to the provider). Each undoes one protection on the real path, so that the Lab's
// failure is the real failure: a new Idempotency-Key per attempt, or callbacks applied without the
// inbox. Orders saved anywhere else never carry it.
import * as z from "zod";

const labOptions = z.object({ keyPerAttempt: z.boolean().optional(), inboxOff: z.boolean().optional() }).strict();
export type LabOptions = z.infer<typeof labOptions>;

/** The payload as the provider gets it, and the Lab's options (none, for every other order). */
export function splitPayload(payload: unknown): { body: unknown; lab: LabOptions } {
  if (!payload || typeof payload !== "object" || !("lab" in payload)) return { body: payload, lab: {} };
  const { lab, ...body } = payload as Record<string, unknown>;
  const parsed = labOptions.safeParse(lab);
  return { body, lab: parsed.success ? parsed.data : {} };
}

/** The Idempotency-Key of one attempt: the event's ID, always, unless the Lab switched that off. */
export function idempotencyKeyOf(event: { id: string; attempts: number }, lab: LabOptions): string {
  return lab.keyPerAttempt ? `${event.id}.${event.attempts}` : event.id;
}

/** The event a key names (the Lab's per-attempt keys end in ".<attempt>"). */
export function eventIdOfKey(key: string): string {
  return key.replace(/\.\d+$/, "");
}
