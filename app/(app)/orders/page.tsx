import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db.ts";
import { formatDateTime, formatMoney, pageNumber } from "@/lib/format.ts";
import { listOrders } from "@/lib/orders/queries.ts";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const page = pageNumber((await searchParams).page);
  const { rows, total, pages } = await listOrders(getDb(), user.id, page);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Orders</h1>
          <p className="muted">{total === 1 ? "1 order" : `${total} orders`}</p>
        </div>
        <Link className="button" href="/orders/new">New order</Link>
      </div>
      {rows.length === 0 ? (
        <div className="card empty">No orders yet. <Link href="/orders/new">Place the first one.</Link></div>
      ) : (
        <div className="table-wrap"><table className="table">
          <thead>
            <tr><th>Description</th><th>Customer</th><th>Amount</th><th>Placed</th></tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id}>
                <td><Link href={`/orders/${o.id}`}>{o.description}</Link></td>
                <td><Link href={`/customers/${o.customer.id}`}>{o.customer.name}</Link></td>
                <td>{formatMoney(o.amountMinor, o.currency)}</td>
                <td>{formatDateTime(o.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <Pager basePath="/orders" page={page} pages={pages} />
    </>
  );
}
