import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionNote } from "@/components/decision-note.tsx";
import { LabBadge } from "@/components/lab-badge.tsx";
import { RecordNotice } from "@/components/record-notice.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime, formatMoney } from "@/lib/format.ts";
import { FulfilmentTimeline } from "@/components/orders/fulfilment-timeline.tsx";
import { killSwitch } from "@/lib/outbox/kill-switch.ts";
import { orderFulfilment } from "@/lib/fulfilment/status.ts";
import { getOrder } from "@/lib/orders/queries.ts";
import { orderMoves } from "@/lib/customers/merge/merge-history.ts";
import { mergedRecord } from "@/lib/customers/queries.ts";
import { Notice } from "@/components/ui/notice.tsx";
import { retryDeliveryAction } from "./actions.ts";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string; placedFor?: string }> }) {
  const user = await requireUser();
  const [{ id }, { notice, placedFor }] = await Promise.all([props.params, props.searchParams]);
  const db = getDb();
  const order = await getOrder(db, user.id, id);
  if (!order) notFound();
  const [fulfilment, moves, mergedCustomer] = await Promise.all([
    orderFulfilment(db, killSwitch(db), user.id, id),
    orderMoves(db, user.id, id),
    placedFor && placedFor !== order.customer.id ? mergedRecord(db, user.id, placedFor, order.customer.id) : null,
  ]);
  return (
    <div className="stack">
      <RecordNotice notice={notice} newHref="/orders/new" newLabel="New order" />
      {mergedCustomer && (
        <Notice tone="info">
          This order was placed for “{mergedCustomer.name}”, which was merged into “{order.customer.name}”: the order is on “{order.customer.name}”.
        </Notice>
      )}
      <h1>
        Order: {order.description}
        {order.customer.lab ? (
          <>
            {" "}
            <LabBadge />
          </>
        ) : null}
      </h1>
      {order.customer.lab && (
        <p className="muted flush">
          Placed by the <Link href="/lab">Duplicate Lab</Link>: test data, left out of your orders, counts and duplicate checks.
        </p>
      )}
      <DecisionNote basePath="/orders" decisions={order.decisions.map((d) => ({ ...d, match: { id: d.match.id, label: d.match.description } }))} />
      <dl className="details card">
        <dt>Customer</dt>
        <dd>
          <Link href={`/customers/${order.customer.id}`}>{order.customer.name}</Link>
          {moves.map((m) => (
            <div key={m.id} className="small muted">
              {m.undoneAt
                ? `Moved to another customer by a merge on ${formatDateTime(m.createdAt)}, and back when the merge was undone on ${formatDateTime(m.undoneAt)}.`
                : `Placed for “${m.fromName}”; moved here by a merge on ${formatDateTime(m.createdAt)}.`}
            </div>
          ))}
        </dd>
        <dt>Amount</dt>
        <dd>{formatMoney(order.amountMinor, order.currency)}</dd>
        <dt>Placed</dt>
        <dd>{formatDateTime(order.createdAt)}</dd>
        <dt>ID</dt>
        <dd>
          <code>{order.id}</code>
        </dd>
      </dl>
      {fulfilment && <FulfilmentTimeline orderId={order.id} initial={fulfilment} retry={retryDeliveryAction} />}
      <p>{order.customer.lab ? <Link href="/orders?lab=1">← All Lab orders</Link> : <Link href="/orders">← All orders</Link>}</p>
    </div>
  );
}
