// What the Lab's server received in the last minute, per user, so the page can show a duplicate
// request even when the idempotent save turned it into a harmless replay. Kept in this process's
// memory on purpose: it is a teaching aid, not a record (with several instances, each shows its own).

export type LabRequestOutcome = "created" | "already saved" | "possible duplicate" | "invalid" | "refused";

export interface LabRequest {
  at: number;
  outcome: LabRequestOutcome;
  ticketId?: string;
}

const WINDOW_MS = 60_000;
const MAX_PER_USER = 50;
const store: Map<string, LabRequest[]> = ((globalThis as { labRequests?: Map<string, LabRequest[]> }).labRequests ??= new Map());

export function logLabRequest(userId: string, request: LabRequest): void {
  const kept = recentLabRequests(userId, request.at);
  kept.unshift(request);
  store.set(userId, kept.slice(0, MAX_PER_USER));
}

/** Newest first, within the last minute. */
export function recentLabRequests(userId: string, now = Date.now()): LabRequest[] {
  return (store.get(userId) ?? []).filter((r) => now - r.at < WINDOW_MS);
}
