"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { useActionForm } from "@/components/forms/use-action-form.ts";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { formatDateTime } from "@/lib/format.ts";
import { lazySchema } from "@/components/forms/lazy-schema.ts";
import { TOKEN_EXPIRY_DAYS } from "@/lib/validations/fields.ts";
import type { TokenFormState } from "./token-form-state.ts";

const schema = lazySchema(() => import("@/lib/validations/token.ts").then((m) => m.tokenSchema));

/**
 * "New token": the token's ID is made with the form, so a double submit makes one token. The
 * secret is shown once; a repeat of the same submit keeps showing it rather than "already made".
 * Once a token is made, the form starts again, empty, with the next ID the server gave.
 */
export function TokenForm({ initialId, action }: { initialId: string; action: (previous: TokenFormState, formData: FormData) => Promise<TokenFormState> }) {
  const { state, pending, formProps, field, fieldError } = useActionForm<TokenFormState>({
    schema,
    action,
    initialState: { status: "idle" },
    defaultValues: { name: "", expiresInDays: "30" },
    extra: () => ({ id: initialId }), // any of this form's IDs checks the same
    resetAfter: madeOne,
  });
  const id = "nextId" in state ? state.nextId : initialId;
  return (
    <div className="stack">
      {state.status === "created" ? <SecretNotice name={state.name} secret={state.secret} expiresAt={state.expiresAt} /> : null}
      {state.status === "replay" ? (
        <Notice tone="info" title="Already created">
          The token “{state.name}” was made by an earlier submit of this form. Its secret was shown then and cannot be shown again; if you did not copy it,
          revoke it and create another.
        </Notice>
      ) : null}
      {state.status === "refused" ? (
        <Notice tone="error" title="This form cannot be used">
          Reload the page to start again.
        </Notice>
      ) : null}
      {state.status === "limit" ? (
        <Notice tone="error" title={`You have ${state.max} active tokens, the most allowed`}>
          Revoke one you no longer use, then create this one.
        </Notice>
      ) : null}
      <form {...formProps} className="card stack form-measure" aria-label="New token">
        <h2 className="flush">New token</h2>
        <input type="hidden" name="id" value={id} readOnly />
        <Field id="token-name" label="Name" error={fieldError("name")} hint="What uses it, like “CI” or “billing sync”.">
          {(aria) => <input {...aria} {...field("name")} maxLength={100} readOnly={pending} autoComplete="off" />}
        </Field>
        <Field id="token-days" label="Expires in" error={fieldError("expiresInDays")}>
          {(aria) => (
            <select {...aria} {...field("expiresInDays")}>
              {TOKEN_EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days === 365 ? "1 year" : `${days} days`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="row">
          <SubmitButton saving={pending} label="Create token" savingLabel="Creating…" />
        </div>
      </form>
    </div>
  );
}

const madeOne = (state: TokenFormState) => state.status === "created" || state.status === "replay";

function SecretNotice({ name, secret, expiresAt }: { name: string; secret: string; expiresAt: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Notice tone="success" title={`Token “${name}” created`}>
      <p>Copy it now: this is the only time it is shown. It expires on {formatDateTime(new Date(expiresAt))}.</p>
      <div className="row">
        <code className="secret" aria-label="New token secret">
          {secret}
        </code>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </Notice>
  );
}
