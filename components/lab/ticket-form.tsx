"use client";

// The Lab's ticket form: a plain HTML form POST to /lab/tickets, so that every switch can be turned
// off for real (post-redirect-get needs a real POST navigation to go wrong). JavaScript adds only
// what the switches name: the browser-made ID and disable-on-submit, plus the shared schema's checks.
// The schema is fetched on first focus (lib/forms/lazy-schema.ts); the submit event decides at once
// whether the browser posts, so a submit before it has arrived posts unchecked and the server,
// which checks with the same schema, answers with the errors.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { adoptDraftId, cameBackToPage, guardScriptSubmits, onRestoredFromCache, readSent, rememberSent } from "@/components/forms/draft.ts";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { CONFIRM_FIELD, invalidState, type FormValues, type MatchView } from "@/lib/forms/form-state.ts";
import { TICKET_LIMITS } from "@/lib/validations/fields.ts";
import { lazySchema } from "@/lib/forms/lazy-schema.ts";
import { DuplicateDialog } from "@/components/forms/lazy-duplicate-dialog.tsx";

const ticketModule = () => import("@/lib/validations/ticket.ts");
const schemas = {
  withId: lazySchema(() => ticketModule().then((m) => m.ticketSchema)),
  withoutId: lazySchema(() => ticketModule().then((m) => m.ticketWithoutIdSchema)),
};

const SENT_WITHOUT_ID = "lab-without-id";

export interface TicketFormProps {
  /** The server-rendered ID, or null when "Browser-generated ID" is off (the server then makes one per request). */
  initialId: string | null;
  disableOnSubmit: boolean;
  values: FormValues;
  fieldErrors: Record<string, string>;
  matches: MatchView[];
  problem: null | { kind: "conflict"; ticketUrl: string } | { kind: "refused" };
}

export function TicketForm(props: TicketFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const locked = useRef(false);
  const [saving, setSaving] = useState(false);
  const [id, setId] = useState(props.initialId);
  const [confirmed, setConfirmed] = useState("");
  const [errors, setErrors] = useState(props.fieldErrors);
  const [dialogOpen, setDialogOpen] = useState(props.matches.length > 0);
  const hydrated = useHydrated();
  const withId = props.initialId !== null;
  const schema = withId ? schemas.withId : schemas.withoutId;

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    let sent: FormValues | null;
    if (withId) {
      const draft = adoptDraftId();
      // The server's HTML cannot know the browser's ID; adopting it after hydration is the point.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setId(draft.id);
      sent = draft.sent;
    } else {
      // Without an ID the form has no identity: after Back it shows the last entries sent, as a
      // browser restoring a form would, and sending them again is a new ticket.
      sent = cameBackToPage() ? readSent(SENT_WITHOUT_ID) : null;
    }
    // After Back, a re-rendered page has lost what was typed; put back what was sent.
    if (sent && !props.values.title) {
      for (const name of ["title", "details"] as const) {
        const input = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
        if (input) input.value = sent[name] ?? "";
      }
    }
    // Once per form instance: a new ticket is a new page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => (formRef.current ? guardScriptSubmits(formRef.current) : undefined), []);

  useEffect(
    () =>
      onRestoredFromCache(() => {
        locked.current = false;
        setSaving(false);
      }),
    [],
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (props.disableOnSubmit && locked.current) {
      event.preventDefault();
      return;
    }
    const values: FormValues = {};
    new FormData(event.currentTarget).forEach((value, name) => {
      if (typeof value === "string") values[name] = value;
    });
    const parsed = schema.peek()?.safeParse(values);
    if (parsed && !parsed.success) {
      event.preventDefault();
      setErrors(invalidState(parsed.error, values).fieldErrors);
      return;
    }
    setErrors({});
    rememberSent(values.id || SENT_WITHOUT_ID, values);
    if (props.disableOnSubmit) {
      locked.current = true;
      setSaving(true);
    }
    // No preventDefault: the browser posts the form and navigates to the answer.
  }

  function saveAnyway(matchIds: string[]) {
    // Rendered before submitting: the form data is read from the DOM as it stands then.
    flushSync(() => setConfirmed(matchIds.join(",")));
    formRef.current?.requestSubmit();
  }

  return (
    <form ref={formRef} method="post" action="/lab/tickets" onSubmit={onSubmit} onFocus={schema.prefetch} className="stack" noValidate data-hydrated={hydrated || undefined}>
      {props.problem?.kind === "conflict" ? (
        <Notice tone="warn" title="This form was already saved with different details.">
          <p>Nothing was changed.</p>
          <div className="row">
            <a className="button" href={props.problem.ticketUrl}>Open saved ticket</a>
            <a className="button button--secondary" href="/lab">New ticket</a>
          </div>
        </Notice>
      ) : null}
      {props.problem?.kind === "refused" ? (
        <Notice tone="error" title="This form cannot be saved.">
          <a href="/lab">Start a new ticket</a>
        </Notice>
      ) : null}
      {errors.id ? <Notice tone="error">{errors.id}</Notice> : null}
      {dialogOpen && props.matches.length > 0 ? (
        <DuplicateDialog matches={props.matches} saving={saving} onSaveAnyway={saveAnyway} onCancel={() => setDialogOpen(false)} />
      ) : null}
      {withId ? <input type="hidden" name="id" value={id ?? ""} readOnly /> : null}
      <input type="hidden" name={CONFIRM_FIELD} value={confirmed} readOnly />
      <Field id="title" label="Title" error={errors.title}>
        {(aria) => <input {...aria} name="title" autoComplete="off" maxLength={TICKET_LIMITS.title} defaultValue={props.values.title ?? ""} readOnly={saving} />}
      </Field>
      <Field id="details" label="Details" error={errors.details} hint={`Optional, up to ${TICKET_LIMITS.details} characters.`}>
        {(aria) => (
          <textarea {...aria} name="details" rows={3} maxLength={TICKET_LIMITS.details} defaultValue={props.values.details ?? ""} readOnly={saving} />
        )}
      </Field>
      <div className="row">
        <SubmitButton saving={saving} label="Submit ticket" savingLabel="Submitting…" />
      </div>
    </form>
  );
}
