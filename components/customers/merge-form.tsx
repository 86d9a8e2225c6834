"use client";

// Two or more customers side by side: the user picks the record to keep and, per field, whose value
// it keeps (defaults as the server would choose them), sees what will move, and merges. The form
// carries the merge's own ID, so a double-click, a retry or Back and resubmit merges once. The
// choices are react-hook-form's radios; the form posts to the server action as it stands, with or
// without JavaScript.
import Link from "next/link";
import { useActionState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Notice } from "@/components/ui/notice.tsx";
import { countOf } from "@/lib/format.ts";
import { chooseFields, MERGE_FIELDS, type MergeField, type MergeRecord } from "@/lib/customers/merge/choose-fields.ts";
import type { MergeFormState } from "./merge-state.ts";

export interface MergeFormRecord extends MergeRecord {
  created: string;
  orders: number;
  decisions: number;
  /** The address on one line, written by the server: country names come from its Intl data, which the browser's may not match. */
  addressText: string | null;
}

const LABELS: Record<MergeField, string> = { name: "Name", email: "Email", phone: "Phone", company: "Company", address: "Address" };
const shown = (r: MergeFormRecord, field: MergeField) => (field === "address" ? r.addressText : r[field]);

function defaultPicks(records: readonly MergeFormRecord[], survivorId: string): Record<MergeField, string> {
  const survivor = records.find((r) => r.id === survivorId)!;
  const chosen = chooseFields(
    survivor,
    records.filter((r) => r.id !== survivorId),
  );
  return chosen.ok ? chosen.sources : (Object.fromEntries(MERGE_FIELDS.map((f) => [f, survivorId])) as Record<MergeField, string>);
}

export function MergeForm({
  records,
  mergeId,
  undoDays,
  action,
}: {
  records: MergeFormRecord[];
  mergeId: string;
  undoDays: number;
  action: (state: MergeFormState, data: FormData) => Promise<MergeFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as MergeFormState);
  const pickName = (field: MergeField) => `field-${field}` as const;
  const initial = defaultPicks(records, records[0].id);
  const form = useForm<Record<string, string>>({
    defaultValues: { into: records[0].id, ...Object.fromEntries(MERGE_FIELDS.map((f) => [pickName(f), initial[f]])) },
  });
  const survivorId = useWatch({ control: form.control, name: "into" });
  // Another record to keep: the fields the user has not chosen follow it, as the server would.
  const into = form.register("into", {
    onChange: (event: { target: { value: string } }) => {
      const defaults = defaultPicks(records, event.target.value);
      for (const field of MERGE_FIELDS) if (!form.getFieldState(pickName(field)).isDirty) form.setValue(pickName(field), defaults[field]);
    },
  });
  const merged = records.filter((r) => r.id !== survivorId);
  const survivor = records.find((r) => r.id === survivorId)!;
  const orders = merged.reduce((n, r) => n + r.orders, 0);
  const decisions = merged.reduce((n, r) => n + r.decisions, 0);

  return (
    <form action={formAction} className="stack" aria-label="Merge customers">
      <input type="hidden" name="id" value={mergeId} />
      <input type="hidden" name="ids" value={records.map((r) => r.id).join(",")} />
      {state.status === "error" && (
        <Notice tone="error" title="Nothing was merged">
          <p>{state.message}</p>
          {state.survivorUrl && <Link href={state.survivorUrl}>Open the record it lives on now</Link>}
        </Notice>
      )}
      <div className="card merge-table-wrap">
        <table className="table merge-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Field</span>
              </th>
              {records.map((r) => (
                <th key={r.id} scope="col">
                  <label className="merge-keep">
                    <input type="radio" {...into} value={r.id} defaultChecked={r.id === records[0].id} />
                    <span>
                      Keep <strong>{r.name}</strong>
                    </span>
                  </label>
                  <div className="small muted">
                    Created {r.created} · {countOf(r.orders, "order", "orders")}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {MERGE_FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">{LABELS[field]}</th>
                {records.map((r) => (
                  <td key={r.id}>
                    <label className="merge-choice">
                      <input
                        type="radio"
                        {...form.register(pickName(field))}
                        value={r.id}
                        defaultChecked={initial[field] === r.id}
                        aria-label={`${LABELS[field]}: ${shown(r, field) ?? "empty"}, from ${r.name}`}
                      />
                      <span className={shown(r, field) ? undefined : "muted"}>{shown(r, field) ?? "—"}</span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="merge-preview">
        Keeps <strong>{survivor.name}</strong> with the values chosen above. {merged.map((r) => `“${r.name}”`).join(", ")} will become{" "}
        {merged.length === 1 ? "a link" : "links"} to it; {countOf(orders, "order", "orders")} and{" "}
        {countOf(decisions, "duplicate decision", "duplicate decisions")} will move to it. Nothing is deleted, and you can undo this for {undoDays} days.
      </p>
      <div className="row">
        <button className="button" type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Merging…" : "Merge"}
        </button>
        <Link className="button button--secondary" href="/customers/duplicates">
          Cancel
        </Link>
      </div>
    </form>
  );
}
