"use client";

import { liveQuery, useLiveQuery } from "@/components/live-query.ts";
import { withQueryProvider } from "@/components/query-provider.tsx";

interface Activity {
  ticketsLastMinute: number;
  tickets: Array<{ id: string; title: string; createdAt: string }>;
  requests: Array<{ at: string; outcome: string; ticketId: string | null }>;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

/** The last minute of this user's tickets and ticket requests, refreshed every second. */
const labActivityQuery = liveQuery<Activity>({ key: ["lab", "activity"], url: "/api/lab/activity", intervalMs: 1000 });

export const LabActivity = withQueryProvider(function LabActivity() {
  const { data, failed } = useLiveQuery(labActivityQuery);
  return (
    <div className="stack">
      <div>
        <h2 id="live-heading" className="flush">
          Last minute
        </h2>
        <p className="lab-count" aria-live="polite">
          <strong data-testid="tickets-last-minute">{data ? data.ticketsLastMinute : "–"}</strong>{" "}
          {data?.ticketsLastMinute === 1 ? "ticket created" : "tickets created"}
        </p>
        {failed ? <p className="error small">Could not refresh; retrying.</p> : null}
      </div>
      <section aria-labelledby="tickets-heading">
        <h3 id="tickets-heading">Tickets</h3>
        {data && data.tickets.length > 0 ? (
          <ol className="log">
            {data.tickets.map((t) => (
              <li key={t.id}>
                <a href={`/lab/tickets/${t.id}`}>{t.title}</a> <span className="muted small">{time(t.createdAt)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted small">None yet.</p>
        )}
      </section>
      <section aria-labelledby="requests-heading">
        <h3 id="requests-heading">Requests received</h3>
        {data && data.requests.length > 0 ? (
          <ol className="log">
            {data.requests.map((r, i) => (
              <li key={`${r.at}-${i}`}>
                <span className={`badge badge--${r.outcome.replace(/\s+/g, "-")}`}>{r.outcome}</span> <span className="muted small">{time(r.at)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted small">None yet.</p>
        )}
      </section>
    </div>
  );
});
