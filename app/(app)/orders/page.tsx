import type { Metadata } from "next";
import Link from "next/link";
import { LabBadge } from "@/components/lab-badge.tsx";
import { Pager } from "@/components/pager.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime, formatMoney, pageNumber } from "@/lib/format.ts";
import { listOrders } from "@/lib/orders/queries.ts";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string; lab?: string }> }) {
  const user = await requireUser();
  const params = await searchParams;
  const page = pageNumber(params.page);
  const lab = params.lab === "1";
  const { rows, total, pages } = await listOrders(getDb(), user.id, page, { lab });
  const counted = lab ? (total === 1 ? "1 Lab order" : `${total} Lab orders`) : total === 1 ? "1 order" : `${total} orders`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{lab ? "Lab orders" : "Orders"}</h1>
          <p className="muted">
            {counted} · {lab ? <Link href="/orders">Real orders</Link> : <Link href="/orders?lab=1">Lab orders</Link>}
          </p>
        </div>
        {lab ? (
          <Link className="button button--secondary" href="/lab#integration">
            Place a Lab order
          </Link>
        ) : (
          <Link className="button" href="/orders/new">
            New order
          </Link>
        )}
      </div>
      {rows.length === 0 ? (
        lab ? (
          <div className="card empty">
            No Lab orders. The <Link href="/lab">Duplicate Lab</Link> places them, apart from real ones.
          </div>
        ) : (
          <div className="card empty">
            No orders yet. <Link href="/orders/new">Place the first one.</Link>
          </div>
        )
      ) : (
        <div className="table-wrap">
          <table className="table table--cards">
            <thead>
              <tr>
                <th>Description</th>
                <th>Customer</th>
                <th>Amount</th>
                <th>Placed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td data-label="Description">
                    <Link href={`/orders/${o.id}`}>{o.description}</Link>
                    {o.customer.lab ? (
                      <>
                        {" "}
                        <LabBadge />
                      </>
                    ) : null}
                  </td>
                  <td data-label="Customer">
                    <Link href={`/customers/${o.customer.id}`}>{o.customer.name}</Link>
                  </td>
                  <td data-label="Amount">{formatMoney(o.amountMinor, o.currency)}</td>
                  <td data-label="Placed">{formatDateTime(o.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/orders" page={page} pages={pages} params={{ lab: lab ? "1" : "" }} />
    </>
  );
}
