// What the Lab's server received in the last minute, per user, so the page can show a duplicate
// request even when the idempotent save turned it into a harmless replay.
import { recentLog } from "./recent-log.ts";

export type LabRequestOutcome = "created" | "already saved" | "possible duplicate" | "invalid" | "refused";

interface LabRequest {
  at: number;
  outcome: LabRequestOutcome;
  ticketId?: string;
}

const log = recentLog<LabRequest>("requests", { windowMs: 60_000, maxPerUser: 50 });

export const logLabRequest = log.add;

/** Newest first, within the last minute. */
export const recentLabRequests = log.recent;
