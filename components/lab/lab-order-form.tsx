"use client";

import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { useActionForm } from "@/components/forms/use-action-form.ts";
import { Field } from "@/components/ui/field.tsx";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import type { LabOrderFormState } from "@/components/lab/lab-order-form-state.ts";

const schema = lazySchema(() => import("@/lib/validations/lab-order.ts").then((m) => m.labOrderSchema));

/**
 * The Integration Lab's order: its ID made before sending, its description checked by the server's
 * schema, its button disabled while it is on its way. A placed order answers with a redirect.
 */
export function LabOrderForm({ id, action }: { id: string; action: (state: LabOrderFormState, formData: FormData) => Promise<LabOrderFormState> }) {
  const { pending, formProps, field, fieldError } = useActionForm<LabOrderFormState>({
    schema,
    action,
    initialState: { status: "idle" },
    defaultValues: { description: "Crate of brass gears" },
    extra: () => ({ id }),
  });
  return (
    <form {...formProps} className="stack" aria-label="Lab order">
      <input type="hidden" name="id" value={id} />
      <Field id="lab-order-description" label="Description" error={fieldError("description")}>
        {(aria) => <input {...aria} {...field("description")} maxLength={200} readOnly={pending} />}
      </Field>
      <SubmitButton saving={pending} label="Place order" savingLabel="Placing…" />
    </form>
  );
}
