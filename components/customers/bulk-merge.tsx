"use client";

// "Merge all exact duplicates": after the preview's count, batches run one after another with
// progress. Each batch is one request; without JavaScript the button sends one batch at a time. A
// run stopped halfway (a closed tab, a crash) is resumed by pressing it again: merged groups are
// gone and the rest get the same merge IDs, so nothing merges twice.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice.tsx";
import { countOf } from "@/lib/format.ts";
import type { BulkMergeState } from "./merge-state.ts";

export function BulkMerge({ groups, records, action }: { groups: number; records: number; action: (state: BulkMergeState) => Promise<BulkMergeState> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", merged: 0, remaining: groups });
  const form = useRef<HTMLFormElement>(null);
  const going = state.status === "running" && !state.stalled;
  useEffect(() => {
    if (going && !pending) form.current?.requestSubmit();
  }, [going, pending, state]);
  const total = state.merged + state.remaining;
  const router = useRouter();
  // The lists below are out of date once a run ends; this section keeps its state across the refresh.
  useEffect(() => {
    if (state.status === "done") router.refresh();
  }, [state.status, router]);
  if (state.status === "idle" && groups === 0) return null;

  return (
    <section className="card stack" aria-labelledby="exact-heading">
      <h2 id="exact-heading" className="flush">Exact duplicates</h2>
      {state.status === "done" ? (
        <Notice tone="success" title="All exact duplicates merged">{state.merged === 1 ? "1 group was" : `${state.merged} groups were`} merged into their oldest records. Each can be undone from the kept record&apos;s page.</Notice>
      ) : (
        <>
          <p className="flush">
            {records === 1 ? "1 customer shares" : `${records} customers share`} an email with an older record ({countOf(groups, "group", "groups")}). Merging keeps the oldest record of each group and moves the others&apos; orders to it.
          </p>
          {state.status !== "idle" && (
            <div role="status" className="stack">
              <progress max={Math.max(1, total)} value={state.merged} aria-label="Groups merged" />
              <span className="small">{state.merged} of {total} groups merged{state.stalled ? ": the rest are being changed by someone else; try again in a moment." : state.status === "interrupted" ? ": interrupted (the database was busy). Press the button to go on; nothing merges twice." : "…"}</span>
            </div>
          )}
          <form ref={form} action={formAction}>
            <button className="button" type="submit" disabled={pending || going} aria-busy={pending || going}>
              {pending || going ? "Merging…" : state.status === "idle" ? "Merge all exact duplicates" : "Go on merging"}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
