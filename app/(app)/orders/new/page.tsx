import type { Metadata } from "next";
import { NewRecordHead } from "@/components/new-record-head.tsx";
import Link from "next/link";
import { OrderForm } from "@/components/orders/order-form.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { customerChoices } from "@/lib/customers/queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { draftIdOrNew } from "@/lib/ids.ts";
import { saveOrderAction } from "./actions.ts";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ draft?: string; customer?: string }> }) {
  const user = await requireUser();
  const { draft, customer } = await searchParams;
  const initialId = draftIdOrNew(draft);
  const customers = await customerChoices(getDb(), user.id, customer);
  return (
    <div className="stack">
      <NewRecordHead title="New order" href="/orders/new" />
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
