"use client";

import { useActionState, useState } from "react";
import { createTokenAction } from "@/app/(app)/settings/tokens/actions.ts";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { newId } from "@/lib/ids.ts";
import type { TokenFormState } from "./token-form-state.ts";

/**
 * "New token": the token's ID is made with the form, so a double submit makes one token. The
 * secret is shown once; a repeat of the same submit keeps showing it rather than "already made".
 */
export function TokenForm({ initialId }: { initialId: string }) {
  const [id, setId] = useState(initialId);
  const [state, submit, pending] = useActionState(async (previous: TokenFormState, formData: FormData) => {
    const next = await createTokenAction(previous, formData);
    // Made: the next token is a new record, with a new ID and empty fields.
    if (next.status === "created" || next.status === "replay") setId(newId());
    return next.status === "replay" && previous.status === "created" && previous.id === next.id ? previous : next;
  }, { status: "idle" });
  const values = "values" in state ? state.values : undefined;
  const errors = state.status === "invalid" ? state.fieldErrors : {};

  return (
    <div className="stack">
      {state.status === "created" ? <SecretNotice name={state.name} secret={state.secret} expiresAt={state.expiresAt} /> : null}
      {state.status === "replay" ? <Notice tone="info" title="Already created">The token “{state.name}” was made by an earlier submit of this form. Its secret was shown then and cannot be shown again; if you did not copy it, revoke it and create another.</Notice> : null}
      {state.status === "refused" ? <Notice tone="error" title="This form cannot be used">Reload the page to start again.</Notice> : null}
      {state.status === "limit" ? (
        <Notice tone="error" title={`You have ${state.max} active tokens, the most allowed`}>Revoke one you no longer use, then create this one.</Notice>
      ) : null}
      <form
        key={id}
        className="card stack"
        action={submit}
        aria-label="New token"
        onSubmit={(event) => {
          if (pending) event.preventDefault(); // one submit at a time; a repeat of this one is harmless anyway
        }}
      >
        <h2 className="flush">New token</h2>
        <input type="hidden" name="id" value={id} readOnly />
        <Field id="token-name" label="Name" error={errors.name} hint="What uses it, like “CI” or “billing sync”.">
          {(aria) => <input {...aria} name="name" defaultValue={values?.name ?? ""} maxLength={100} required readOnly={pending} autoComplete="off" />}
        </Field>
        <Field id="token-days" label="Expires in (days)" error={errors.expiresInDays} hint="From 1 to 365 days.">
          {(aria) => <input {...aria} name="expiresInDays" type="number" min={1} max={365} step={1} defaultValue={values?.expiresInDays ?? "30"} required readOnly={pending} />}
        </Field>
        <div className="row">
          <SubmitButton saving={pending} label="Create token" savingLabel="Creating…" />
        </div>
      </form>
    </div>
  );
}

function SecretNotice({ name, secret, expiresAt }: { name: string; secret: string; expiresAt: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Notice tone="success" title={`Token “${name}” created`}>
      <p>Copy it now: this is the only time it is shown. It expires on {new Date(expiresAt).toUTCString().slice(0, 16)}.</p>
      <div className="row">
        <code className="secret" aria-label="New token secret">{secret}</code>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </Notice>
  );
}
