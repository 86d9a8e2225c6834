import Link from "next/link";
import type { OrderResource } from "@/lib/api/orders.ts";
import { formatDateTime, formatMoney } from "@/lib/format.ts";

/** The customer's latest orders. Rendered on the server; Quick add refreshes the page's server part to update it. */
export function CustomerOrders({ orders }: { orders: OrderResource[] }) {
  if (orders.length === 0) return <p className="muted">No orders yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Orders">
        <thead>
          <tr>
            <th>Description</th>
            <th>Amount</th>
            <th>Placed</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <Link href={`/orders/${o.id}`}>{o.description}</Link>
              </td>
              <td>{formatMoney(o.amountMinor, o.currency)}</td>
              <td>{formatDateTime(new Date(o.createdAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
