import type { Metadata } from "next";
import { CustomerForm } from "@/components/customers/customer-form.tsx";
import { isUuid, newId } from "@/lib/ids.ts";
import { saveCustomerAction } from "./actions.ts";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage({ searchParams }: { searchParams: Promise<{ draft?: string }> }) {
  // The browser replaces this ID with its own; it is what a form without JavaScript sends. After
  // Back, the URL's ?draft= brings the same ID again.
  const { draft } = await searchParams;
  const initialId = isUuid(draft) ? draft : newId();
  return (
    <div className="stack" style={{ maxWidth: 560 }}>
      <div className="page-head">
        <h1>New customer</h1>
        {/* A full page load on purpose: a genuinely new record gets a fresh form and a fresh ID. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a className="button button--secondary" href="/customers/new">New customer</a>
      </div>
      <CustomerForm initialId={initialId} action={saveCustomerAction} />
    </div>
  );
}
