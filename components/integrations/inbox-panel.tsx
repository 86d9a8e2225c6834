import Link from "next/link";
import { formatDateTime } from "@/lib/format.ts";
import type { InboxOverview } from "@/lib/inbox/overview.ts";

const TYPE: Record<string, string> = {
  "operation.processing": "Processing",
  "operation.succeeded": "Shipped",
  "operation.failed": "Could not ship",
};

/** The provider's callbacks for this workspace: what came in, what it changed, what was ignored or refused. */
export function InboxPanel({ inbox }: { inbox: InboxOverview }) {
  const refused = (reason: string) => inbox.refused.byReason[reason] ?? 0;
  return (
    <>
      <dl className="tally">
        <div>
          <dt>Received</dt>
          <dd>{inbox.received}</dd>
        </div>
        <div>
          <dt>Applied</dt>
          <dd>{inbox.applied}</dd>
        </div>
        <div>
          <dt>Repeats ignored</dt>
          <dd>{inbox.repeats}</dd>
        </div>
        <div>
          <dt>Out of date, ignored</dt>
          <dd>{inbox.outdated}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd>{inbox.refused.total}</dd>
        </div>
      </dl>
      <p className="flush muted small">
        Refused: {refused("invalid signature")} with an invalid signature, {refused("stale timestamp")} with a stale timestamp (replays),{" "}
        {refused("malformed") + refused("too large")} malformed or too large. Refused callbacks prove no sender, so these counts are for the whole app.
      </p>
      <div className="inbox-lists">
        <InboxList title="Last applied" empty="None yet.">
          {inbox.lastApplied.map((m) => (
            <li key={m.messageId}>
              <span className="badge badge--created">{TYPE[m.type] ?? m.type}</span> {m.aggregateId && <Link href={`/orders/${m.aggregateId}`}>order</Link>}{" "}
              <span className="muted small">{formatDateTime(m.receivedAt)}</span>
            </li>
          ))}
        </InboxList>
        <InboxList title="Last repeats" empty="None: no callback came twice.">
          {inbox.lastRepeated.map((m) => (
            <li key={m.messageId}>
              <span className="badge badge--already-saved">
                {TYPE[m.type] ?? m.type} ×{m.repeats + 1}
              </span>{" "}
              {m.aggregateId && <Link href={`/orders/${m.aggregateId}`}>order</Link>}{" "}
              <span className="muted small">{m.lastRepeatAt && formatDateTime(m.lastRepeatAt)}</span>
            </li>
          ))}
        </InboxList>
        <InboxList title="Last refused" empty="None.">
          {inbox.lastRefused.map((r) => (
            <li key={`${r.reason}:${r.minute.toISOString()}`}>
              <span className="badge badge--invalid">{r.reason}</span> {r.count > 1 ? `× ${r.count} ` : ""}
              <span className="muted small">{formatDateTime(r.lastAt)}</span>
            </li>
          ))}
        </InboxList>
      </div>
    </>
  );
}

function InboxList({ title, empty, children }: { title: string; empty: string; children: React.ReactNode[] }) {
  return (
    <div className="stack-sm">
      <h3 className="flush small-heading">{title}</h3>
      {children.length === 0 ? <p className="flush muted small">{empty}</p> : <ul className="log">{children}</ul>}
    </div>
  );
}
