"use client";

import { Field } from "@/components/ui/field.tsx";
import { PossibleMatches } from "./possible-matches.tsx";
import { SaveProblem } from "@/components/forms/save-problem.tsx";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { useCreateForm, type CreateAction } from "@/components/forms/use-create-form.ts";
import { CUSTOMER_LIMITS, customerSchema } from "@/lib/validations/customer.ts";

const EMPTY = { id: "", name: "", email: "", phone: "", company: "" };

export function CustomerForm({ initialId, action }: { initialId: string; action: CreateAction }) {
  const { form, field, formRef, formAction, onSubmit, retry, startNew, saveAnyway, cancelDuplicate, state, phase, saving, fieldError } = useCreateForm({ schema: customerSchema, action, initialId, emptyValues: EMPTY });
  const input = (name: keyof typeof EMPTY) => ({ ...field(name), readOnly: saving });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="card stack" noValidate>
      <SaveProblem
        state={state}
        phase={phase}
        newFormHref="/customers/new"
        onRetry={retry}
        onStartNew={startNew}
        onSaveAnyway={saveAnyway}
        onCancelDuplicate={cancelDuplicate}
        formError={fieldError("id")}
      />
      <input type="hidden" {...field("id")} />
      <Field id="name" label="Name" error={fieldError("name")}>
        {(aria) => <input {...aria} autoComplete="off" maxLength={CUSTOMER_LIMITS.name} {...input("name")} />}
      </Field>
      <Field id="email" label="Email" error={fieldError("email")}>
        {(aria) => <input {...aria} type="email" autoComplete="off" {...input("email")} />}
      </Field>
      <Field id="phone" label="Phone" error={fieldError("phone")}>
        {(aria) => <input {...aria} type="tel" autoComplete="off" {...input("phone")} />}
      </Field>
      <Field id="company" label="Company" error={fieldError("company")}>
        {(aria) => <input {...aria} autoComplete="off" maxLength={CUSTOMER_LIMITS.company} {...input("company")} />}
      </Field>
      <LiveMatches form={form} />
      <div className="row">
        <SubmitButton saving={saving} label="Save customer" />
      </div>
    </form>
  );
}

function LiveMatches({ form }: { form: ReturnType<typeof useCreateForm>["form"] }) {
  const [id, name, email, phone, company] = form.watch(["id", "name", "email", "phone", "company"]);
  return <PossibleMatches probe={{ name: name ?? "", email: email ?? "", phone: phone ?? "", company: company ?? "", exclude: id ?? "" }} />;
}
