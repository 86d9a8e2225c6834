"use client";

import { useActionState } from "react";
import type { FaultsFormState } from "@/app/(app)/integrations/actions.ts";
import type { Faults } from "@/lib/provider/faults.ts";
import { RATE_FIELDS, SWITCH_FIELDS } from "@/lib/validations/fault-fields.ts";

type Action = (state: FaultsFormState, formData: FormData) => Promise<FaultsFormState>;

/** The sandbox provider's misbehaviour, for watching the outbox keep every order single. */
export function FaultsForm({ faults, action, canEdit }: { faults: Faults; action: Action; canEdit: boolean }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const values = state.status === "idle" || state.status === "forbidden" ? null : state.values;
  return (
    <form action={formAction} className="stack" aria-busy={pending}>
      {!canEdit && (
        <p className="notice notice--info flush" role="note">These faults apply to every workspace using this sandbox, so only an operator (listed in ADMIN_EMAILS) can change them. You see the settings in force.</p>
      )}
      {state.status === "forbidden" && (
        <div className="notice notice--error" role="alert">Not applied: only an operator can change the sandbox&apos;s faults.</div>
      )}
      <fieldset className="plain stack" disabled={!canEdit}>
        <legend className="visually-hidden">Faults</legend>
        {state.status === "invalid" && (
          <div className="notice notice--error" role="alert">Not applied: {state.errors.join("; ")}.</div>
        )}
        {state.status === "unreachable" && (
          <div className="notice notice--error" role="alert">Not applied: the sandbox provider did not answer. Is it running?</div>
        )}
        <div className="faults">
          {RATE_FIELDS.map((r) => (
            <div className="field" key={r.name}>
              <label htmlFor={r.name}>{r.label}</label>
              <input id={r.name} name={r.name} type="number" min={0} max={1} step={0.05} required defaultValue={values?.[r.name] ?? faults[r.name]} aria-describedby={`${r.name}-help`} />
              <span id={`${r.name}-help`} className="hint">{r.help}</span>
            </div>
          ))}
          <div className="field">
            <label htmlFor="latencyMs">Latency (ms)</label>
            <input id="latencyMs" name="latencyMs" type="number" min={0} max={60000} step={50} required defaultValue={values?.latencyMs ?? faults.latencyMs} />
            <span className="hint">Added to every call.</span>
          </div>
        </div>
        <div className="row">
          {SWITCH_FIELDS.map((f) => (
            <label className="checkbox" key={f.name}><input type="checkbox" name={f.name} defaultChecked={values?.[f.name] ?? faults[f.name]} /> {f.label}</label>
          ))}
        </div>
        {canEdit && (
          <div>
            <button className="button button--secondary" type="submit" disabled={pending}>{pending ? "Applying…" : "Apply faults"}</button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
