// On a survivor's page: the merges into it that can still be undone, each with its Undo button.
import { PendingButton } from "@/components/forms/pending-button.tsx";
import { countOf, formatDateTime } from "@/lib/format.ts";

export interface MergeHistoryItem { id: string; fromNames: string[]; createdAt: Date; movedOrders: number }

export function MergeHistory({ survivorId, merges, undo }: { survivorId: string; merges: MergeHistoryItem[]; undo: (data: FormData) => Promise<void> }) {
  if (merges.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="merges-heading">
      <h2 id="merges-heading" className="flush">Merged into this customer</h2>
      <ul className="log">
        {merges.map((m) => (
          <li key={m.id} className="row" style={{ justifyContent: "space-between" }}>
            <span>
              {m.fromNames.map((n) => `“${n}”`).join(", ")} on {formatDateTime(m.createdAt)}
              <span className="muted"> · {countOf(m.movedOrders, "order", "orders")} moved</span>
            </span>
            <form action={undo}>
              <input type="hidden" name="mergeId" value={m.id} />
              <input type="hidden" name="survivorId" value={survivorId} />
              <PendingButton className="button button--secondary" label="Undo merge" pendingLabel="Undoing…" />
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
