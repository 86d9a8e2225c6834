"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ShortId } from "@/components/ui/short-id.tsx";
import { describeStep } from "@/lib/fulfilment/describe-step.ts";
import { liveQuery, useLiveQuery } from "@/components/live-query.ts";
import { withQueryProvider } from "@/components/query-provider.tsx";
import type { Fulfilment, FulfilmentStep } from "@/lib/fulfilment/status.ts";

export type FulfilmentView = Fulfilment & { steps: FulfilmentStep[] };

const time = (iso: string) => new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) + " UTC";

const STATUS_LABEL: Record<Fulfilment["status"], string> = {
  queued: "Queued",
  sent: "Sending",
  acknowledged: "Acknowledged",
  confirmed: "Confirmed",
  retrying: "Retrying",
  failed: "Failed",
  paused: "Paused",
};

function summary(f: FulfilmentView): ReactNode {
  switch (f.status) {
    case "queued":
      return "Saved and waiting to be sent to the fulfilment provider.";
    case "sent":
      return `Sending to the provider now (attempt ${f.attempts}).`;
    case "acknowledged":
      return `The provider took the order; its shipment is on the way.${f.nextAttemptAt ? ` Checking with the provider at ${time(f.nextAttemptAt)} if it has not arrived.` : ""}`;
    case "confirmed":
      return f.shipmentId ? (
        <>
          Shipped: shipment <ShortId id={f.shipmentId} label="shipment" />.
        </>
      ) : (
        "Shipped."
      );
    case "retrying":
      return `Attempt ${f.attempts} did not go through (${f.lastError}).${f.nextAttemptAt ? ` Next try at ${time(f.nextAttemptAt)}.` : ""} The same request is re-sent each time, so the provider ships it once.`;
    case "failed":
      return `Gave up after ${f.attempts} ${f.attempts === 1 ? "attempt" : "attempts"}: ${f.lastError}. Nothing was lost: retry it when the provider is fixed.`;
    case "paused":
      return "Paused: the Fulfilment provider switch is off. The order is saved and will be sent once it is back on.";
  }
}

const isConfirmed = (f: FulfilmentView) => f.status === "confirmed";

/**
 * The order's delivery to the fulfilment provider, kept current by polling until it is confirmed or
 * failed. Each step is shown once: the list is the server's log, not something assembled here.
 */
const fulfilmentQuery = (orderId: string) =>
  liveQuery<FulfilmentView>({ key: ["order", orderId, "fulfilment"], url: `/api/v1/orders/${orderId}/fulfilment`, intervalMs: 2_000, until: isConfirmed });

type Props = { orderId: string; initial: FulfilmentView; retry: (formData: FormData) => Promise<void> };

export const FulfilmentTimeline = withQueryProvider(function FulfilmentTimeline({ orderId, initial, retry }: Props) {
  const { data } = useLiveQuery(fulfilmentQuery(orderId), initial);
  const f = data ?? initial;
  return (
    <section className="card stack" aria-labelledby="delivery-heading">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="delivery-heading" className="flush">
          Delivery
        </h2>
        <span className={`badge badge--delivery-${f.status}`} data-testid="delivery-status">
          {STATUS_LABEL[f.status]}
        </span>
      </div>
      <p className="flush" role="status">
        {summary(f)}
      </p>
      {f.status === "paused" && (
        <p className="flush small">
          <Link href="/integrations">Open Integrations</Link> to turn it back on.
        </p>
      )}
      {f.status === "failed" && (
        <form action={retry}>
          <input type="hidden" name="orderId" value={orderId} />
          <button className="button" type="submit">
            Retry now
          </button>
        </form>
      )}
      <ol className="timeline" aria-label="Delivery steps">
        {f.steps.map((s, i) => {
          const words = describeStep(s);
          return (
            <li key={i} className={`timeline__step timeline__step--${s.kind}`}>
              <span className="timeline__time">{time(s.at)}</span>
              <span>
                <strong>{words.title}</strong>
                {s.attempt > 1 && s.kind !== "requeued" ? <span className="muted"> · attempt {s.attempt}</span> : null}
                {words.note || words.ids.length > 0 ? (
                  <span className="timeline__detail">
                    {words.note}
                    {words.ids.map((x) => (
                      <span key={x.id}>
                        {words.note ? " · " : ""}
                        {x.label} <ShortId id={x.id} label={x.label} />
                      </span>
                    ))}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
        {f.status === "sent" && (
          <li className="timeline__step timeline__step--sent">
            <span className="timeline__time">now</span>
            <span>
              <strong>Sending</strong>
              <span className="muted"> · attempt {f.attempts}</span>
            </span>
          </li>
        )}
      </ol>
    </section>
  );
});
