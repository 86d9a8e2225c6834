import type { Metadata } from "next";
import Link from "next/link";
import { LabBadge } from "@/components/lab-badge.tsx";
import { DeliverySwitch } from "@/components/integrations/delivery-switch.tsx";
import { FaultsForm } from "@/components/integrations/faults-form.tsx";
import { InboxPanel } from "@/components/integrations/inbox-panel.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { isOperator } from "@/lib/auth/operators.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime } from "@/lib/format.ts";
import { integrationOverview } from "@/lib/fulfilment/overview.ts";
import { readSandboxFaults, sandboxUrl } from "@/lib/fulfilment/sandbox-admin.ts";
import { inboxOverview } from "@/lib/inbox/overview.ts";
import { PROVIDER_SOURCE } from "@/lib/fulfilment/provider-callback.ts";
import { retryFailedAction, setDeliverySwitchAction, setFaultsAction } from "./actions.ts";

export const metadata: Metadata = { title: "Integrations" };

const BREAKER: Record<string, string> = {
  closed: "Closed: calls go through",
  open: "Open: the provider kept failing, calls are paused for a cool-down",
  "half-open": "Half-open: one probe call is testing the provider",
  unknown: "No dispatcher has reported in the last 30 s",
};

export default async function IntegrationsPage(props: { searchParams: Promise<{ retried?: string; faults?: string }> }) {
  const user = await requireUser();
  const [{ retried, faults: faultsNotice }, overview, inbox, faults] = await Promise.all([
    props.searchParams,
    integrationOverview(getDb(), user.id),
    inboxOverview(getDb(), PROVIDER_SOURCE, user.id),
    readSandboxFaults(),
  ]);
  const { health, queue } = overview;
  return (
    <div className="stack">
      <div className="page-head">
        <h1 className="flush">Integrations</h1>
      </div>
      {retried === "none" && (
        <div className="notice notice--warn" role="status">
          Select at least one delivery to retry.
        </div>
      )}
      {retried && retried !== "none" && (
        <div className="notice notice--success" role="status">
          {retried === "1" ? "1 delivery" : `${retried} deliveries`} queued again. Each goes with its original key, so nothing ships twice.
        </div>
      )}
      {faultsNotice === "saved" && (
        <div className="notice notice--success" role="status">
          Sandbox faults applied.
        </div>
      )}

      <section className="card stack" aria-labelledby="provider-heading">
        <h2 id="provider-heading" className="flush">
          Fulfilment provider
        </h2>
        <p className="flush muted small">
          Every placed order leaves through the outbox: saved with the order, sent with its own Idempotency-Key, retried until the provider confirms it.
        </p>
        {!overview.globallyEnabled && (
          <div className="notice notice--warn" role="status">
            An operator has paused this provider for every workspace. Deliveries wait until it is back on.
          </div>
        )}
        <DeliverySwitch key={String(overview.enabled)} enabled={overview.enabled} action={setDeliverySwitchAction} />
        <dl className="details">
          <dt>Waiting</dt>
          <dd>
            {queue.waiting === 0
              ? "Nothing"
              : `${queue.waiting} ${queue.waiting === 1 ? "delivery" : "deliveries"}, oldest since ${formatDateTime(queue.oldestWaitingSince!)}`}
          </dd>
          <dt>Last success</dt>
          <dd>{health.lastSuccessAt ? formatDateTime(health.lastSuccessAt) : "None yet"}</dd>
          <dt>Last 15 minutes</dt>
          <dd>
            {health.recentFailureRate === null ? "No attempts" : `${Math.round(health.recentFailureRate * 100)}% of ${health.recentAttempts} attempts failed`}
          </dd>
          <dt>Circuit breaker</dt>
          <dd>
            {BREAKER[health.breaker]}
            {health.dispatchers > 1 ? ` (${health.dispatchers} dispatchers)` : ""}
          </dd>
        </dl>
      </section>

      <section className="card stack" aria-labelledby="callbacks-heading">
        <h2 id="callbacks-heading" className="flush">
          Callbacks from the provider
        </h2>
        <p className="flush muted small">
          The provider reports each shipment back, signed, and repeats itself until we acknowledge. Each message is applied once, in the same transaction that
          records it; copies are counted, not applied.
        </p>
        <InboxPanel inbox={inbox} />
      </section>

      <section className="card stack" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="flush">
          Failed deliveries{overview.failedCount + overview.failedLabCount > 0 ? ` (${overview.failedCount + overview.failedLabCount})` : ""}
        </h2>
        {overview.failedLabCount > 0 && (
          <p className="flush muted small">
            {overview.failedLabCount === 1 ? "One is a Lab order" : `${overview.failedLabCount} are Lab orders`}, failed on purpose by the Lab&apos;s switches:
            the home page does not count them.
          </p>
        )}
        {overview.failed.length === 0 ? (
          <p className="flush muted">None. A delivery fails only after its retries run out, or when the provider refuses it outright.</p>
        ) : (
          <form action={retryFailedAction} className="stack">
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Select</span>
                    </th>
                    <th scope="col">Order</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Last error</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.failed.map((f) => (
                    <tr key={f.eventId}>
                      <td>
                        <input type="checkbox" name="eventId" value={f.eventId} aria-label={`Select ${f.description}`} />
                      </td>
                      <td>
                        <Link href={`/orders/${f.orderId}`}>{f.description}</Link>
                        {f.lab ? (
                          <>
                            {" "}
                            <LabBadge />
                          </>
                        ) : null}
                        <div className="muted small">{formatDateTime(f.createdAt)}</div>
                      </td>
                      <td>{f.attempts}</td>
                      <td className="small">{f.lastError}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="row">
              <button className="button button--secondary" type="submit" name="scope" value="selected">
                Retry selected
              </button>
              <button className="button" type="submit" name="scope" value="all">
                Retry all failed
              </button>
            </div>
          </form>
        )}
      </section>

      <section className="card stack" aria-labelledby="history-heading">
        <h2 id="history-heading" className="flush">
          Switch history
        </h2>
        {overview.history.length === 0 ? (
          <p className="flush muted">Never switched: on since the start.</p>
        ) : (
          <ul className="log">
            {overview.history.map((h) => (
              <li key={h.id}>
                <span className={`badge ${h.enabled ? "badge--created" : "badge--invalid"}`}>{h.enabled ? "On" : "Off"}</span>{" "}
                {h.global ? "For everyone, by " : "By "}
                {h.changedBy === user.email ? "you" : h.changedBy}, {formatDateTime(h.changedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {sandboxUrl() && (
        <section className="card stack" aria-labelledby="sandbox-heading">
          <h2 id="sandbox-heading" className="flush">
            Sandbox provider faults
          </h2>
          <p className="flush muted small">
            The provider here is the sandbox that runs beside the app. Make it misbehave and watch the orders: each still ships exactly once. These settings are
            shared by everyone using this sandbox.
          </p>
          {faults ? (
            <FaultsForm faults={faults} action={setFaultsAction} canEdit={isOperator(user.email)} />
          ) : (
            <div className="notice notice--error" role="status">
              The sandbox provider does not answer right now.
            </div>
          )}
        </section>
      )}
    </div>
  );
}
