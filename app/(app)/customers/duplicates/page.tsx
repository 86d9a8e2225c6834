import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db.ts";
import { formatDateTime } from "@/lib/format.ts";
import { findDuplicateGroups } from "@/lib/matching/find-duplicate-groups.ts";
import { BulkMerge } from "@/components/customers/bulk-merge.tsx";
import { exactDuplicateCounts } from "@/lib/customers/merge/exact-duplicates.ts";
import { mergeExactBatchAction } from "../merge/actions.ts";
import { matchingSession } from "@/lib/matching/session.ts";

export const metadata: Metadata = { title: "Possible duplicates" };

export default async function DuplicatesPage() {
  const user = await requireUser();
  const [groups, exact] = await Promise.all([matchingSession(getDb(), (tx) => findDuplicateGroups(tx, user.id)), exactDuplicateCounts(getDb(), user.id)]);
  return (
    <div className="stack">
      <div>
        <h1>Possible duplicates</h1>
        <p className="muted">Customers the near-match model finds likely to be the same, among your 1,000 most recent. Some are legitimate: review them here.</p>
      </div>
      <BulkMerge groups={exact.groups} records={exact.records} action={mergeExactBatchAction} />
      {groups.length === 0 ? (
        <div className="card empty">No possible duplicates among your customers.</div>
      ) : (
        groups.map((g) => (
          <section key={g.members[0].id} className="card stack" aria-label={`Group: ${g.members.map((m) => m.name).join(", ")}`}>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <div className="reasons">{g.reasons.join(", ")}</div>
              <Link className="button button--secondary" href={`/customers/merge?ids=${g.members.map((m) => m.id).join(",")}`}>Compare and merge</Link>
            </div>
            <div className="table-wrap"><table className="table">
              <thead>
                <tr><th>Name</th><th>Email</th><th>Phone</th><th>Company</th><th>Created</th></tr>
              </thead>
              <tbody>
                {g.members.map((m) => (
                  <tr key={m.id}>
                    <td><Link href={`/customers/${m.id}`}>{m.name}</Link></td>
                    <td>{m.email ?? "—"}</td>
                    <td>{m.phone ?? "—"}</td>
                    <td>{m.company ?? "—"}</td>
                    <td>{formatDateTime(m.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          </section>
        ))
      )}
    </div>
  );
}
