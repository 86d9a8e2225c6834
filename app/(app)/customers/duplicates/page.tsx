import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { findDuplicateGroups } from "@/lib/matching/find-duplicate-groups.ts";
import { BulkMerge } from "@/components/customers/bulk-merge.tsx";
import { CustomerTable } from "@/components/customers/customer-table.tsx";
import { exactDuplicateCounts, exactDuplicatePreview } from "@/lib/customers/merge/exact-duplicates.ts";
import { mergeExactBatchAction, undoMergeAction } from "../merge/actions.ts";
import { matchingSession } from "@/lib/matching/session.ts";
import { customerNames } from "@/lib/customers/queries.ts";
import { isUuid } from "@/lib/ids.ts";
import { PendingButton } from "@/components/forms/pending-button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { markNotDuplicatesAction, undoNotDuplicatesAction } from "./actions.ts";

export const metadata: Metadata = { title: "Possible duplicates" };

/** How many of the groups "Merge all exact duplicates" would merge are named before confirming. */
const PREVIEW_GROUPS = 10;

export default async function DuplicatesPage(props: { searchParams: Promise<{ decided?: string; at?: string }> }) {
  const user = await requireUser();
  const { decided, at } = await props.searchParams;
  const decidedIds = decided && at ? decided.split(",").filter(isUuid).slice(0, 20) : [];
  const [groups, exact, preview, decidedNames] = await Promise.all([
    matchingSession(getDb(), (tx) => findDuplicateGroups(tx, user.id)),
    exactDuplicateCounts(getDb(), user.id),
    exactDuplicatePreview(getDb(), user.id, PREVIEW_GROUPS),
    customerNames(getDb(), user.id, decidedIds),
  ]);
  return (
    <div className="stack">
      <div>
        <h1>Possible duplicates</h1>
        <p className="muted">
          Customers the near-match model finds likely to be the same, among your 1,000 most recent. Some are legitimate: merge the ones that are one customer,
          and mark the rest as not duplicates so they are not suggested again.
        </p>
      </div>
      {decidedIds.length >= 2 && (
        <Notice tone="success" title="Marked as not duplicates">
          <form action={undoNotDuplicatesAction} className="row">
            <span>
              {decidedIds.map((id) => `“${decidedNames.get(id) ?? "a customer"}”`).join(", ")} will not be suggested as duplicates of each other again.
            </span>
            {decidedIds.map((id) => (
              <input key={id} type="hidden" name="id" value={id} />
            ))}
            <input type="hidden" name="at" value={at} />
            <PendingButton className="button button--secondary" label="Undo" pendingLabel="Undoing…" />
          </form>
        </Notice>
      )}
      {decided === "undone" && (
        <Notice tone="info" title="Undone">
          They are suggested as possible duplicates again.
        </Notice>
      )}
      {decided === "invalid" && (
        <Notice tone="warn" title="Not changed">
          One of those customers no longer exists or was merged. The list below is up to date.
        </Notice>
      )}
      <BulkMerge groups={exact.groups} records={exact.records} preview={preview} action={mergeExactBatchAction} undo={undoMergeAction} />
      {groups.length === 0 ? (
        <div className="card empty">No possible duplicates among your customers.</div>
      ) : (
        groups.map((g) => (
          <section key={g.members[0].id} className="card stack" aria-label={`Group: ${g.members.map((m) => m.name).join(", ")}`}>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <div className="reasons">{g.reasons.join(", ")}</div>
              <div className="row">
                <form action={markNotDuplicatesAction}>
                  {g.members.map((m) => (
                    <input key={m.id} type="hidden" name="id" value={m.id} />
                  ))}
                  <PendingButton className="button button--secondary" label="Not duplicates" pendingLabel="Saving…" />
                </form>
                <Link className="button button--secondary" href={`/customers/merge?ids=${g.members.map((m) => m.id).join(",")}`}>
                  Compare and merge
                </Link>
              </div>
            </div>
            <CustomerTable customers={g.members} />
          </section>
        ))
      )}
    </div>
  );
}
