"use client";

import { Field } from "@/components/ui/field.tsx";
import { AmountPreview } from "@/components/orders/amount-preview.tsx";
import { CreateForm } from "@/components/forms/create-form.tsx";
import { findSaved } from "@/components/forms/find-saved.ts";
import { useCreateForm, type CreateAction } from "@/components/forms/use-create-form.ts";
import { lazySchema } from "@/lib/forms/lazy-schema.ts";
import { CURRENCIES } from "@/lib/validations/fields.ts";

const schema = lazySchema(() => import("@/lib/validations/order.ts").then((m) => m.orderSchema));
const EMPTY = { id: "", customerId: "", description: "", amount: "", currency: "USD" };
const findSavedOrder = (id: string) => findSaved<{ id: string; description: string }>(`/api/v1/orders/${id}`, (o) => ({ title: o.description, href: `/orders/${o.id}` }));

export interface CustomerChoice {
  id: string;
  name: string;
  company: string | null;
}

export function OrderForm(props: { initialId: string; action: CreateAction; customers: CustomerChoice[]; customerId?: string }) {
  const controls = useCreateForm({
    schema,
    action: props.action,
    initialId: props.initialId,
    emptyValues: { ...EMPTY, customerId: props.customerId ?? "" },
    findSaved: findSavedOrder,
  });
  const { field, saving, fieldError } = controls;

  return (
    <CreateForm controls={controls} newFormHref="/orders/new" submitLabel="Place order" savingLabel="Placing order…">
      <Field id="customerId" label="Customer" error={fieldError("customerId")}>
        {(aria) => (
          // A select cannot be read-only; while saving it is made inert instead, and the values
          // sent are the ones captured at submit.
          <select {...aria} {...field("customerId")} aria-readonly={saving} inert={saving}>
            <option value="">Choose a customer…</option>
            {props.customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.company ? `${c.name} (${c.company})` : c.name}
              </option>
            ))}
          </select>
        )}
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
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </CreateForm>
  );
}
