"use client";

import type { FaultsFormState } from "@/components/integrations/faults-form-state.ts";
import { useActionForm } from "@/components/forms/use-action-form.ts";
import { Field } from "@/components/ui/field.tsx";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import type { Faults } from "@/lib/sandbox-provider/faults.ts";
import { RATE_FIELDS, SWITCH_FIELDS } from "@/lib/validations/fault-fields.ts";

type Action = (state: FaultsFormState, formData: FormData) => Promise<FaultsFormState>;

const schema = lazySchema(() => import("@/lib/validations/faults.ts").then((m) => m.faultsFormSchema));

/**
 * The sandbox provider's misbehaviour, for watching the outbox keep every order single. The rates
 * and the latency are react-hook-form fields checked by the server's schema; the switches are
 * plain checkboxes the schema reads as "on" or absent.
 */
export function FaultsForm({ faults, action, canEdit }: { faults: Faults; action: Action; canEdit: boolean }) {
  const numbers = [...RATE_FIELDS.map((r) => r.name), "latencyMs" as const];
  const { state, pending, formProps, field, fieldError } = useActionForm<FaultsFormState>({
    schema,
    action,
    initialState: { status: "idle" },
    defaultValues: Object.fromEntries(numbers.map((name) => [name, String(faults[name])])),
  });
  const values = state.status === "invalid" || state.status === "unreachable" ? state.values : null;
  return (
    <form {...formProps} className="stack" aria-busy={pending}>
      {!canEdit && (
        <p className="notice notice--info flush" role="note">
          These faults apply to every workspace using this sandbox, so only an operator (listed in ADMIN_EMAILS) can change them. You see the settings in force.
        </p>
      )}
      {state.status === "forbidden" && (
        <div className="notice notice--error" role="alert">
          Not applied: only an operator can change the sandbox&apos;s faults.
        </div>
      )}
      <fieldset className="plain stack" disabled={!canEdit}>
        <legend className="visually-hidden">Faults</legend>
        {state.status === "unreachable" && (
          <div className="notice notice--error" role="alert">
            Not applied: the sandbox provider did not answer. Is it running?
          </div>
        )}
        <div className="faults">
          {RATE_FIELDS.map((r) => (
            <Field key={r.name} id={r.name} label={r.label} hint={r.help} error={fieldError(r.name)}>
              {(aria) => <input {...aria} {...field(r.name)} type="number" min={0} max={1} step={0.05} />}
            </Field>
          ))}
          <Field id="latencyMs" label="Latency (ms)" hint="Added to every call." error={fieldError("latencyMs")}>
            {(aria) => <input {...aria} {...field("latencyMs")} type="number" min={0} max={60000} step={50} />}
          </Field>
        </div>
        <div className="row">
          {SWITCH_FIELDS.map((f) => (
            <label className="checkbox" key={f.name}>
              <input type="checkbox" name={f.name} defaultChecked={values?.[f.name] ?? faults[f.name]} /> {f.label}
            </label>
          ))}
        </div>
        {canEdit && (
          <div>
            <button className="button button--secondary" type="submit" disabled={pending}>
              {pending ? "Applying…" : "Apply faults"}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
