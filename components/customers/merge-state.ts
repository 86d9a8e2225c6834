import type { RunMerge } from "@/lib/customers/merge/exact-duplicates.ts";

/** What the merge form's action answers when it does not redirect to the survivor. */
export type MergeFormState = { status: "idle" } | { status: "error"; message: string; survivorUrl?: string };

/** Where a run of "Merge all exact duplicates" stands: groups merged so far, groups left. */
export type BulkMergeState = {
  status: "idle" | "running" | "done" | "interrupted";
  /** The merges made so far, named, each with its ID for its undo. */
  merged: RunMerge[];
  remaining: number;
  /** A batch merged nothing though groups remain (someone else is merging them): stop and say so. */
  stalled?: boolean;
};
