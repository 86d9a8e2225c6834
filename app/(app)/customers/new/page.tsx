import type { Metadata } from "next";
import { NewRecordHead } from "@/components/new-record-head.tsx";
import { CustomerForm } from "@/components/customers/customer-form.tsx";
import { draftIdOrNew } from "@/lib/ids.ts";
import { countryOptions } from "@/lib/validations/countries.ts";
import { saveCustomerAction } from "./actions.ts";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage({ searchParams }: { searchParams: Promise<{ draft?: string }> }) {
  const { draft } = await searchParams;
  const initialId = draftIdOrNew(draft);
  return (
    <div className="stack">
      <NewRecordHead title="New customer" href="/customers/new" />
      <CustomerForm initialId={initialId} action={saveCustomerAction} countries={countryOptions()} />
    </div>
  );
}
