"use client";

import { useFormStatus } from "react-dom";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { Field } from "@/components/ui/field.tsx";

/** The Integration Lab's order: its ID made before sending, its button disabled while it is on its way. */
export function LabOrderForm({ id, action }: { id: string; action: (formData: FormData) => Promise<void> }) {
  return (
    <form action={action} className="stack" aria-label="Lab order">
      <input type="hidden" name="id" value={id} />
      <Field id="lab-order-description" label="Description">
        {(aria) => <input {...aria} name="description" required maxLength={200} defaultValue="Crate of brass gears" />}
      </Field>
      <PlaceButton />
    </form>
  );
}

function PlaceButton() {
  const { pending } = useFormStatus();
  return <SubmitButton saving={pending} label="Place order" savingLabel="Placing…" />;
}
