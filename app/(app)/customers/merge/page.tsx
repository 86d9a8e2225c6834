import type { Metadata } from "next";
import Link from "next/link";
import { MergeForm } from "@/components/customers/merge-form.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { mergeComparison } from "@/lib/customers/merge/merge-comparison.ts";
import { MERGE_UNDO_DAYS } from "@/lib/customers/merge/undo-merge.ts";
import { mergePartners } from "@/lib/customers/merge/merge-partners.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime } from "@/lib/format.ts";
import { formatAddress } from "@/lib/matching/format-address.ts";
import { newId } from "@/lib/ids.ts";
import { mergeAction } from "./actions.ts";
import { markNotDuplicatesAction } from "../duplicates/actions.ts";
import { PendingButton } from "@/components/forms/pending-button.tsx";

export const metadata: Metadata = { title: "Merge customers" };

export default async function MergePage(props: { searchParams: Promise<{ ids?: string; q?: string }> }) {
  const user = await requireUser();
  const { ids = "", q = "" } = await props.searchParams;
  const records = await mergeComparison(getDb(), user.id, ids.split(","));
  if (records.length >= 2) {
    return (
      <div className="stack">
        <div>
          <h1>Merge customers</h1>
          <p className="muted lede">
            Choose the record to keep and, for each field, the value it keeps. The others become links to it, so their old pages, API IDs and open forms keep
            working.
          </p>
        </div>
        <MergeForm
          mergeId={newId()}
          undoDays={MERGE_UNDO_DAYS}
          action={mergeAction}
          records={records.map(({ createdAt, ...r }) => ({ ...r, created: formatDateTime(createdAt), addressText: formatAddress(r) }))}
        />
        <form action={markNotDuplicatesAction} className="card row" style={{ justifyContent: "space-between" }}>
          <span className="muted">Different customers after all?</span>
          {records.map((r) => (
            <input key={r.id} type="hidden" name="id" value={r.id} />
          ))}
          <PendingButton className="button button--secondary" label="Not duplicates" pendingLabel="Saving…" />
        </form>
      </div>
    );
  }

  const [one] = records;
  const partners = one ? await mergePartners(getDb(), user.id, one, q) : [];
  return (
    <div className="stack">
      <div>
        <h1>{one ? `Merge “${one.name}” with…` : "Merge customers"}</h1>
        <p className="muted">
          {one ? (
            "Pick the customer it is the same as; you compare them side by side before anything changes."
          ) : (
            <>
              Start from a group on <Link href="/customers/duplicates">Possible duplicates</Link> or from a customer&apos;s page.
            </>
          )}
        </p>
      </div>
      {one && (
        <>
          <form className="row" role="search" action="/customers/merge">
            <input type="hidden" name="ids" value={one.id} />
            <div className="field" style={{ flex: 1 }}>
              <label htmlFor="merge-q">Find a customer by name</label>
              <input id="merge-q" name="q" defaultValue={q} autoComplete="off" />
            </div>
            <button className="button button--secondary" type="submit" style={{ alignSelf: "end" }}>
              Search
            </button>
          </form>
          {partners.length === 0 ? (
            <div className="card empty">{q ? "No other customer has that name." : "No customer looks like this one. Search by name above."}</div>
          ) : (
            <ul className="matches" aria-label="Customers to compare with">
              {partners.map((p) => (
                <li key={p.id} className="match card">
                  <div>
                    <strong>{p.name}</strong>
                    <div className="small muted">{[p.email, p.phone, p.company, formatAddress(p)].filter(Boolean).join(" · ") || "No contact details"}</div>
                    {p.reason && <div className="reasons">{p.reason}</div>}
                  </div>
                  <Link className="button button--secondary" href={`/customers/merge?ids=${one.id},${p.id}`}>
                    Compare
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
