import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionNote } from "@/components/decision-note.tsx";
import { RecordNotice } from "@/components/record-notice.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db.ts";
import { formatDateTime, formatMoney } from "@/lib/format.ts";
import { getOrder } from "@/lib/orders/queries.ts";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string }> }) {
  const user = await requireUser();
  const [{ id }, { notice }] = await Promise.all([props.params, props.searchParams]);
  const order = await getOrder(getDb(), user.id, id);
  if (!order) notFound();
  return (
    <div className="stack" style={{ maxWidth: 640 }}>
      <RecordNotice notice={notice} newHref="/orders/new" newLabel="New order" />
      <h1>Order: {order.description}</h1>
      <DecisionNote basePath="/orders" decisions={order.decisions.map((d) => ({ ...d, match: { id: d.match.id, label: d.match.description } }))} />
      <dl className="details card">
        <dt>Customer</dt><dd><Link href={`/customers/${order.customer.id}`}>{order.customer.name}</Link></dd>
        <dt>Amount</dt><dd>{formatMoney(order.amountMinor, order.currency)}</dd>
        <dt>Placed</dt><dd>{formatDateTime(order.createdAt)}</dd>
        <dt>ID</dt><dd><code>{order.id}</code></dd>
      </dl>
      <p><Link href="/orders">← All orders</Link></p>
    </div>
  );
}
