"use client";

import { lazy, Suspense } from "react";
import { Field } from "@/components/ui/field.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { AmountPreview } from "@/components/orders/amount-preview.tsx";
import { CreateForm } from "@/components/forms/create-form.tsx";
import { findSaved } from "@/components/forms/find-saved.ts";
import { useCreateForm, type CreateAction } from "@/components/forms/use-create-form.ts";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import { CURRENCIES } from "@/lib/validations/fields.ts";
import { customerLabel, type CustomerChoice } from "./customer-search-query.ts";

const schema = lazySchema(() => import("@/lib/validations/order.ts").then((m) => m.orderSchema));
const EMPTY = { id: "", customerId: "", description: "", amount: "", currency: "USD" };
const findSavedOrder = (id: string) =>
  findSaved<{ id: string; description: string }>(`/api/v1/orders/${id}`, (o) => ({ title: o.description, href: `/orders/${o.id}` }));

// The searchable picker (and TanStack Query with it) arrives after the page is interactive; until
// then, and without JavaScript, a plain select of the first customers does the job.
const CustomerCombobox = lazy(() => import("./customer-combobox.tsx"));

export type { CustomerChoice };

export function OrderForm(props: { initialId: string; action: CreateAction; customers: CustomerChoice[]; customerId?: string }) {
  const controls = useCreateForm({
    schema,
    action: props.action,
    initialId: props.initialId,
    emptyValues: { ...EMPTY, customerId: props.customerId ?? "" },
    findSaved: findSavedOrder,
  });
  const { field, saving, fieldError } = controls;
  const hydrated = useHydrated();

  return (
    <CreateForm controls={controls} newFormHref="/orders/new" submitLabel="Place order" savingLabel="Placing order…">
      <Field id="customerId" label="Customer" error={fieldError("customerId")}>
        {(aria) => {
          // A select cannot be read-only; while saving it is made inert instead, and the values
          // sent are the ones captured at submit.
          const select = (
            <select {...aria} {...field("customerId")} aria-readonly={saving} inert={saving}>
              <option value="">Choose a customer…</option>
              {props.customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {customerLabel(c)}
                </option>
              ))}
            </select>
          );
          if (!hydrated) return select;
          return (
            <Suspense fallback={select}>
              <CustomerCombobox
                aria={aria}
                registration={field("customerId")}
                value={(controls.values as Record<string, string | undefined>).customerId ?? ""}
                choose={(id) => controls.setField("customerId", id)}
                choices={props.customers}
                saving={saving}
              />
            </Suspense>
          );
        }}
      </Field>
      <Field id="description" label="Description" error={fieldError("description")}>
        {(aria) => <textarea {...aria} rows={3} maxLength={500} {...field("description")} readOnly={saving} />}
      </Field>
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: 1 }}>
          <Field id="amount" label="Amount" hint={<AmountPreview amountId="amount" currencyId="currency" />} error={fieldError("amount")}>
            {(aria) => <input {...aria} inputMode="decimal" autoComplete="off" {...field("amount")} readOnly={saving} />}
          </Field>
        </div>
        <Field id="currency" label="Currency" error={fieldError("currency")}>
          {(aria) => (
            <select {...aria} {...field("currency")} aria-readonly={saving} inert={saving}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </CreateForm>
  );
}
