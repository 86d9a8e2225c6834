// On a survivor's page: the merges into it that are still in place, newest first; only the newest
// has an Undo button, since merges are undone in the reverse of the order they were made.
import { PendingButton } from "@/components/forms/pending-button.tsx";
import { countOf, formatDateTime } from "@/lib/format.ts";

export interface MergeHistoryItem {
  id: string;
  fromNames: string[];
  createdAt: Date;
  movedOrders: number;
}

export function MergeHistory({ survivorId, merges, undo }: { survivorId: string; merges: MergeHistoryItem[]; undo: (data: FormData) => Promise<void> }) {
  if (merges.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="merges-heading">
      <h2 id="merges-heading" className="flush">
        Merged into this customer
      </h2>
      <ul className="log">
        {merges.map((m, i) => (
          <li key={m.id} className="row" style={{ justifyContent: "space-between" }}>
            <span>
              {m.fromNames.map((n) => `“${n}”`).join(", ")} on {formatDateTime(m.createdAt)}
              <span className="muted"> · {countOf(m.movedOrders, "order", "orders")} moved</span>
            </span>
            {i === 0 ? (
              <form action={undo}>
                <input type="hidden" name="mergeId" value={m.id} />
                <input type="hidden" name="survivorId" value={survivorId} />
                <PendingButton className="button button--secondary" label="Undo merge" pendingLabel="Undoing…" />
              </form>
            ) : (
              // Undoing it before the newer one would lose what the newer one changed.
              <span className="muted small">Undo the newer merge first</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
