"use client";

// "Merge all exact duplicates": the groups it will merge are named first (the record kept and the
// others), the run starts only once confirmed, batches then run one after another with progress,
// and afterwards every merge is listed with its kept record and an undo. Each batch is one request;
// without JavaScript the confirm button sends one batch at a time. A run stopped halfway (a closed
// tab, a crash) is resumed by pressing it again: merged groups are gone and the rest get the same
// merge IDs, so nothing merges twice.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { PendingButton } from "@/components/forms/pending-button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import type { NamedGroup, RunMerge } from "@/lib/customers/merge/exact-duplicates.ts";
import { countOf } from "@/lib/format.ts";
import type { BulkMergeState } from "./merge-state.ts";

type Props = {
  groups: number;
  records: number;
  /** The first groups, named. */
  preview: NamedGroup[];
  action: (state: BulkMergeState) => Promise<BulkMergeState>;
  undo: (formData: FormData) => Promise<void>;
};

export function BulkMerge({ groups, records, preview, action, undo }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", merged: [], remaining: groups });
  const form = useRef<HTMLFormElement>(null);
  const going = state.status === "running" && !state.stalled;
  useEffect(() => {
    if (going && !pending) form.current?.requestSubmit();
  }, [going, pending, state]);
  const total = state.merged.length + state.remaining;
  const router = useRouter();
  // The lists below are out of date once a run ends; this section keeps its state across the refresh.
  useEffect(() => {
    if (state.status === "done") router.refresh();
  }, [state.status, router]);
  if (state.status === "idle" && groups === 0) return null;

  return (
    <section className="card stack" aria-labelledby="exact-heading">
      <h2 id="exact-heading" className="flush">
        Exact duplicates
      </h2>
      {state.status === "done" ? (
        <Notice tone="success" title="All exact duplicates merged">
          {state.merged.length === 1 ? "1 group was" : `${state.merged.length} groups were`} merged into their oldest records. Each can be undone below, or from
          the kept record&apos;s page.
        </Notice>
      ) : (
        <>
          <p className="flush">
            {records === 1 ? "1 customer shares" : `${records} customers share`} an email with an older record ({countOf(groups, "group", "groups")}). Merging
            keeps the oldest record of each group and moves the others&apos; orders to it.
          </p>
          {state.status === "idle" ? (
            <>
              <GroupList groups={preview} more={groups - preview.length} />
              {/* A disclosure, so that the question is asked with or without JavaScript. */}
              <details className="confirm">
                <summary className="button">Merge all exact duplicates…</summary>
                <div className="confirm__panel stack">
                  <p className="flush">Merge {countOf(groups, "group", "groups")} into their oldest records? Each merge can be undone afterwards.</p>
                  <form ref={form} action={formAction} className="row">
                    <button className="button" type="submit" disabled={pending} aria-busy={pending}>
                      {pending ? "Merging…" : `Merge ${countOf(groups, "group", "groups")}`}
                    </button>
                  </form>
                </div>
              </details>
            </>
          ) : (
            <>
              <div role="status" className="stack">
                <progress max={Math.max(1, total)} value={state.merged.length} aria-label="Groups merged" />
                <span className="small">
                  {state.merged.length} of {total} groups merged
                  {state.stalled
                    ? ": the rest are being changed by someone else; try again in a moment."
                    : state.status === "interrupted"
                      ? ": interrupted (the database was busy). Press the button to go on; nothing merges twice."
                      : "…"}
                </span>
              </div>
              <form ref={form} action={formAction}>
                <button className="button" type="submit" disabled={pending || going} aria-busy={pending || going}>
                  {pending || going ? "Merging…" : "Go on merging"}
                </button>
              </form>
            </>
          )}
        </>
      )}
      {state.merged.length > 0 ? <MergedList merges={state.merged} undo={undo} /> : null}
    </section>
  );
}

function GroupList({ groups, more }: { groups: NamedGroup[]; more: number }) {
  return (
    <ul className="merge-run" aria-label="Groups to merge">
      {groups.map((g) => (
        <li key={g.kept.id}>
          Keep <Link href={`/customers/${g.kept.id}`}>{g.kept.name}</Link>, merge {g.others.map((name) => `“${name}”`).join(", ")}{" "}
          <span className="muted small">({g.email})</span>
        </li>
      ))}
      {more > 0 ? <li className="muted">and {countOf(more, "more group", "more groups")}</li> : null}
    </ul>
  );
}

function MergedList({ merges, undo }: { merges: RunMerge[]; undo: (formData: FormData) => Promise<void> }) {
  return (
    <ul className="merge-run" aria-label="Merged">
      {merges.map((m) => (
        <li key={m.mergeId}>
          <form action={undo} className="merge-run__item">
            <span>
              Merged {m.others.map((name) => `“${name}”`).join(", ")} into <Link href={`/customers/${m.kept.id}`}>{m.kept.name}</Link>
            </span>
            <input type="hidden" name="mergeId" value={m.mergeId} />
            <input type="hidden" name="survivorId" value={m.kept.id} />
            <PendingButton className="link-button" label="Undo" pendingLabel="Undoing…" />
          </form>
        </li>
      ))}
    </ul>
  );
}
