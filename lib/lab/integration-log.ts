// What the Integration Lab did for each user in the last 10 minutes: the orders it tried to place
// (a rolled-back one leaves no row, but may have reached the provider) and the forged callbacks it
// sent.
import { recentLog } from "./recent-log.ts";

type LabAttempt =
  { kind: "order"; at: number; orderId: string; description: string; outcome: string } | { kind: "forged"; at: number; orderId: string | null; status: number };

const log = recentLog<LabAttempt>("attempts", { windowMs: 10 * 60_000, maxPerUser: 20 });

export const logLabAttempt = log.add;

/** Newest first. */
export const recentLabAttempts = log.recent;
