import Link from "next/link";
import { formatDateTime } from "@/lib/format.ts";

export interface Decision {
  decidedAt: Date;
  decidedBy: { email: string };
  match: { id: string; label: string };
}

/** Shown on a record the user saved knowingly beside possible duplicates. */
export function DecisionNote({ decisions, basePath }: { decisions: Decision[]; basePath: string }) {
  if (decisions.length === 0) return null;
  const first = decisions[0];
  return (
    <div className="notice notice--warn" role="note">
      <strong>Saved despite possible duplicate of </strong>
      {decisions.map((d, i) => (
        <span key={d.match.id}>
          {i > 0 ? ", " : null}
          <Link href={`${basePath}/${d.match.id}`}>{d.match.label}</Link>
        </span>
      ))}
      <div className="small">
        Decided by {first.decidedBy.email} on {formatDateTime(first.decidedAt)}.
      </div>
    </div>
  );
}
