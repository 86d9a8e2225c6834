import type { Metadata } from "next";
import Link from "next/link";
import { OrderForm } from "@/components/orders/order-form.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { customerChoices } from "@/lib/customers/queries.ts";
import { getDb } from "@/lib/db.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { saveOrderAction } from "./actions.ts";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ draft?: string; customer?: string }> }) {
  const user = await requireUser();
  const { draft, customer } = await searchParams;
  const initialId = isUuid(draft) ? draft : newId();
  const customers = await customerChoices(getDb(), user.id);
  return (
    <div className="stack" style={{ maxWidth: 560 }}>
      <div className="page-head">
        <h1>New order</h1>
        {/* A full page load on purpose: a genuinely new record gets a fresh form and a fresh ID. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a className="button button--secondary" href="/orders/new">New order</a>
      </div>
      {customers.length === 0 ? (
        <div className="card empty">
          Orders belong to a customer. <Link href="/customers/new">Add a customer first.</Link>
        </div>
      ) : (
        <OrderForm
          initialId={initialId}
          action={saveOrderAction}
          customers={customers}
          customerId={customers.some((c) => c.id === customer) ? customer : undefined}
        />
      )}
    </div>
  );
}
