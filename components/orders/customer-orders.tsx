"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { getApi } from "@/components/api/fetch-api.ts";
import type { OrderResource } from "@/lib/api/orders.ts";
import { formatDateTime, formatMoney } from "@/lib/format.ts";

export const customerOrdersKey = (customerId: string) => ["orders", { customerId }] as const;

/** The customer's latest orders, from the API; Quick add refreshes it. */
export function CustomerOrders({ customerId, initial }: { customerId: string; initial: { data: OrderResource[]; nextCursor: string | null } }) {
  const { data } = useQuery({
    queryKey: customerOrdersKey(customerId),
    queryFn: ({ signal }) => getApi<typeof initial>(`/api/v1/orders?customerId=${customerId}&limit=10`, signal),
    initialData: initial,
  });
  if (data.data.length === 0) return <p className="muted">No orders yet.</p>;
  return (
    <table className="table" aria-label="Orders">
      <thead><tr><th>Description</th><th>Amount</th><th>Placed</th></tr></thead>
      <tbody>
        {data.data.map((o) => (
          <tr key={o.id}>
            <td><Link href={`/orders/${o.id}`}>{o.description}</Link></td>
            <td>{formatMoney(o.amountMinor, o.currency)}</td>
            <td>{formatDateTime(new Date(o.createdAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
