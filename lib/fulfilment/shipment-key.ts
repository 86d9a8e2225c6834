// The Idempotency-Key a shipment request is sent under, and the event a callback's key names. The
// key is the event's ID, the same on every attempt, so the provider makes one shipment however often
// it is asked. A variant may key each attempt apart (the Lab, to show what that costs): its keys
// still begin with the event's ID, so the provider's callbacks find their event.

export const attemptKey = (event: { id: string; attempts: number }) => `${event.id}.${event.attempts}`;

/** The event a key names: the ID itself, or a per-attempt key without its ".<attempt>". */
export function eventIdOfKey(key: string): string {
  return key.replace(/\.\d+$/, "");
}
