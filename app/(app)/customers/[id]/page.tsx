import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { DecisionNote } from "@/components/decision-note.tsx";
import { LabBadge } from "@/components/lab-badge.tsx";
import { RecordNotice } from "@/components/record-notice.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { CustomerOrders } from "@/components/orders/customer-orders.tsx";
import { MergeHistory } from "@/components/customers/merge-history.tsx";
import { MergeNotice } from "@/components/customers/merge-notice.tsx";
import { QuickAddOrder } from "@/components/orders/quick-add-order.tsx";
import { orderPage } from "@/lib/api/orders.ts";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getCustomer, mergedRecord } from "@/lib/customers/queries.ts";
import { undoableMerges } from "@/lib/customers/merge/merge-history.ts";
import { undoMergeAction } from "../merge/actions.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatAddress } from "@/lib/matching/format-address.ts";
import { formatDateTime } from "@/lib/format.ts";
import { QueryProvider } from "@/components/query-provider.tsx";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string; merged?: string }> }) {
  const user = await requireUser();
  const [{ id }, { notice, merged }] = await Promise.all([props.params, props.searchParams]);
  const customer = await getCustomer(getDb(), user.id, id);
  if (!customer) notFound();
  // An old link to a merged customer still works: it leads to the survivor, which says so.
  // A replayed create of the merged record keeps its "Already saved" on the way.
  if (customer.mergedInto) redirect(`/customers/${customer.mergedInto.id}?merged=${customer.id}${notice ? `&notice=${encodeURIComponent(notice)}` : ""}`);
  const tombstone = merged ? await mergedRecord(getDb(), user.id, merged, customer.id) : null;
  const [orders, merges] = await Promise.all([
    orderPage(getDb(), user.id, { customerId: customer.id, limit: 10, cursor: null }),
    undoableMerges(getDb(), user.id, customer.id),
  ]);
  return (
    <div className="stack">
      <RecordNotice notice={notice} newHref="/customers/new" newLabel="New customer" />
      <MergeNotice notice={notice} />
      {tombstone?.mergedAt && (
        <Notice tone="info">
          “{tombstone.name}” was merged into this customer on {formatDateTime(tombstone.mergedAt)}; its old links lead here.
        </Notice>
      )}
      <div className="page-head">
        <h1>
          {customer.name}
          {customer.lab ? (
            <>
              {" "}
              <LabBadge />
            </>
          ) : null}
        </h1>
        {!customer.lab && (
          <div className="row">
            <Link className="button button--secondary" href={`/customers/merge?ids=${customer.id}`}>
              Merge with…
            </Link>
            <Link className="button button--secondary" href={`/orders/new?customer=${customer.id}`}>
              New order
            </Link>
          </div>
        )}
      </div>
      {customer.lab && (
        <p className="muted flush">
          The <Link href="/lab">Duplicate Lab</Link>&apos;s customer: its orders are test data, left out of your lists, counts and duplicate checks, and it
          cannot be merged or given real orders.
        </p>
      )}
      <DecisionNote basePath="/customers" decisions={customer.decisions.map((d) => ({ ...d, match: { id: d.match.id, label: d.match.name } }))} />
      <dl className="details card">
        <dt>Email</dt>
        <dd>{customer.email ?? "—"}</dd>
        <dt>Phone</dt>
        <dd>{customer.phone ?? "—"}</dd>
        <dt>Company</dt>
        <dd>{customer.company ?? "—"}</dd>
        <dt>Address</dt>
        <dd>{formatAddress(customer) ?? "—"}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(customer.createdAt)}</dd>
        <dt>ID</dt>
        <dd>
          <code>{customer.id}</code>
        </dd>
      </dl>
      <MergeHistory survivorId={customer.id} merges={merges} undo={undoMergeAction} />
      {!customer.lab && (
        <QueryProvider>
          <QuickAddOrder customerId={customer.id} />
        </QueryProvider>
      )}
      <section className="stack" aria-labelledby="orders-heading">
        <h2 id="orders-heading" className="flush">
          Orders
        </h2>
        <CustomerOrders orders={orders.data} />
      </section>
      <p>{customer.lab ? <Link href="/orders?lab=1">← All Lab orders</Link> : <Link href="/customers">← All customers</Link>}</p>
    </div>
  );
}
