"use client";

import { liveQuery, useLiveQuery } from "@/components/live-query.ts";
import { withQueryProvider } from "@/components/query-provider.tsx";
import type { LabIntegrationView, LabOrderRow } from "@/lib/lab/integration-view.ts";

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

/** What went wrong with one Lab order, in words; null when nothing did. */
function problem(r: LabOrderRow): string | null {
  if (!r.exists && r.shipments) return "Shipped, but the order does not exist here";
  if (r.shipments !== null && r.shipments > 1) return `${r.shipments} shipments for one order`;
  if (r.providerEventsRepeated > 0) return "A provider event was applied twice";
  if (r.shipmentId?.startsWith("forged-")) return "Confirmed by a forged callback";
  return null;
}

/** Each Lab order as this app sees it, beside the provider's shipments for it, refreshed every second. */
const labIntegrationQuery = liveQuery<LabIntegrationView>({ key: ["lab", "integration"], url: "/api/lab/integration", intervalMs: 1000 });

export const LabIntegrationActivity = withQueryProvider(function LabIntegrationActivity() {
  const { data, failed } = useLiveQuery(labIntegrationQuery);
  return (
    <div className="stack">
      <h3 id="integration-live-heading" className="flush">
        Orders and the provider
      </h3>
      {failed ? <p className="error small">Could not refresh; retrying.</p> : null}
      {data && data.orders.length > 0 ? (
        <ol className="log" aria-labelledby="integration-live-heading">
          {data.orders.map((r) => {
            const wrong = problem(r);
            return (
              <li key={r.orderId} className="lab-order" data-testid="lab-order" data-order-id={r.orderId}>
                <div>
                  {r.exists ? <a href={`/orders/${r.orderId}`}>{r.description}</a> : <span>{r.description}</span>}{" "}
                  <span className="muted small">{time(r.at)}</span>
                </div>
                <dl className="lab-order__counts">
                  <div>
                    <dt>Here</dt>
                    <dd data-testid="exists">{r.exists ? (r.status ?? "saved") : "no order"}</dd>
                  </div>
                  <div>
                    <dt>Shipments</dt>
                    <dd data-testid="shipments">{r.shipments ?? "?"}</dd>
                  </div>
                  <div>
                    <dt>Confirmations</dt>
                    <dd data-testid="confirmations">{r.confirmations}</dd>
                  </div>
                  <div>
                    <dt>Provider events</dt>
                    <dd data-testid="provider-events">{r.providerEvents}</dd>
                  </div>
                </dl>
                {wrong ? (
                  <p className="badge badge--invalid flush" data-testid="problem">
                    {wrong}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted small">No Lab orders in the last 10 minutes.</p>
      )}
      {data && data.forged.length > 0 ? (
        <ul className="log" aria-label="Forged callbacks">
          {data.forged.map((f) => (
            <li key={f.at}>
              <span className={`badge ${f.status === 200 ? "badge--invalid" : "badge--created"}`}>
                {f.status === 200 ? "Forged callback accepted" : `Forged callback refused (${f.status})`}
              </span>{" "}
              <span className="muted small">{time(f.at)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
