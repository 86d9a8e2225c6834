"use client";

// The Lab's ticket form: a plain HTML form POST to /lab/tickets, so that every switch can be turned
// off for real (post-redirect-get needs a real POST navigation to go wrong). react-hook-form holds
// the fields as in every form, and the shared hooks add only what the switches name: the
// browser-made ID (useDraftId) and disable-on-submit (useSubmitLock).
// The submit event must decide at once whether the browser posts, and a resolver answers later; so
// the schema, once it has arrived (it is fetched on first focus), is asked synchronously, and only a
// refused submit goes through handleSubmit to show its errors. A submit before the schema has
// arrived posts unchecked, and the server, which checks with the same schema, answers with the errors.
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { flushSync } from "react-dom";
import { useForm, type UseFormReturn } from "react-hook-form";
import type * as z from "zod/mini";
import { AlreadySavedNotice } from "@/components/forms/already-saved-notice.tsx";
import { cameBackToPage, readSent, rememberSent } from "@/components/forms/draft.ts";
import { findSaved } from "@/components/forms/find-saved.ts";
import { lazyResolver } from "@/components/forms/lazy-resolver.ts";
import { DuplicateDialog } from "@/components/forms/lazy-duplicate-dialog.tsx";
import { SubmitButton } from "@/components/forms/submit-button.tsx";
import { useDraftId, type SavedRecord } from "@/components/forms/use-draft-id.ts";
import { useSubmitLock } from "@/components/forms/use-submit-lock.ts";
import { Field } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { CONFIRM_FIELD, type FormValues } from "@/lib/forms/form-state.ts";
import type { MatchView } from "@/lib/matching/describe.ts";
import { lazySchema, type LazySchema } from "@/components/forms/lazy-schema.ts";
import { TICKET_LIMITS } from "@/lib/validations/fields.ts";

const ticketModule = () => import("@/lib/validations/ticket.ts");
const schemas = {
  withId: lazySchema(() => ticketModule().then((m) => m.ticketSchema)),
  withoutId: lazySchema(() => ticketModule().then((m) => m.ticketWithoutIdSchema)),
};
type TicketSchema = LazySchema<z.ZodMiniType>;
const FIELDS = ["title", "details"] as const;
const SENT_WITHOUT_ID = "lab-without-id";

const findSavedTicket = (id: string) =>
  findSaved<{ id: string; title: string }>(`/api/lab/tickets/${id}`, (t) => ({ title: t.title, href: `/lab/tickets/${t.id}` }));

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
  return props.initialId === null ? <TicketFormWithoutId {...props} /> : <TicketFormWithId {...props} initialId={props.initialId} />;
}

/** "Browser-generated ID" on: the ID is made here and kept in the URL, as in every create form. */
function TicketFormWithId(props: TicketFormProps & { initialId: string }) {
  const ticket = useTicketForm(props, schemas.withId);
  const draft = useDraftId({ initialId: props.initialId, findSaved: findSavedTicket, restore: ticket.restore });
  const { subscribe } = ticket.form;
  const { rememberTyped, current, checkSent } = draft;
  useEffect(
    () => subscribe({ formState: { values: true }, callback: ({ values }) => rememberTyped({ ...(values as FormValues), id: current() }) }),
    [subscribe, rememberTyped, current],
  );
  return (
    <TicketFormView
      {...props}
      ticket={ticket}
      id={draft.id}
      onSending={draft.rememberSent}
      onRestored={checkSent}
      alreadySaved={draft.alreadySaved}
      startNew={draft.startNew}
    />
  );
}

/**
 * "Browser-generated ID" off: the form has no identity. After Back it shows the last entries sent,
 * as a browser restoring a form would, and sending them again is a new ticket.
 */
function TicketFormWithoutId(props: TicketFormProps) {
  const ticket = useTicketForm(props, schemas.withoutId);
  const { restore } = ticket;
  useEffect(() => {
    const sent = cameBackToPage() ? readSent(SENT_WITHOUT_ID) : null;
    if (sent) restore(sent);
  }, [restore]);
  return <TicketFormView {...props} ticket={ticket} id={null} onSending={(values) => rememberSent(SENT_WITHOUT_ID, values)} />;
}

function useTicketForm(props: TicketFormProps, schema: TicketSchema) {
  const formRef = useRef<HTMLFormElement>(null);
  // The resolver checks what the browser would post: the fields and the hidden ID and confirmations.
  // The closure reads the ref when the resolver runs (blur, change, submit), not during render.
  // eslint-disable-next-line react-hooks/refs
  const [resolver] = useState(() => lazyResolver(schema, () => (formRef.current ? formValues(formRef.current) : {})));
  const form = useForm<FormValues>({
    mode: "onTouched",
    defaultValues: Object.fromEntries(FIELDS.map((name) => [name, props.values[name] ?? ""])),
    resolver,
  });
  const { setValue } = form;
  const serverSentValues = Boolean(props.values.title);
  /** After Back, a re-rendered page has lost what was typed; put back what was sent, unless the server rendered it. */
  const restore = useCallback(
    (values: FormValues) => {
      if (serverSentValues) return;
      for (const name of FIELDS) setValue(name, values[name] ?? "");
    },
    [setValue, serverSentValues],
  );
  return { formRef, form, schema, restore };
}

function TicketFormView(
  props: TicketFormProps & {
    ticket: { formRef: RefObject<HTMLFormElement | null>; form: UseFormReturn<FormValues>; schema: TicketSchema };
    id: string | null;
    onSending: (values: FormValues) => void;
    onRestored?: () => void;
    alreadySaved?: SavedRecord | null;
    startNew?: () => void;
  },
) {
  const { formRef, form, schema } = props.ticket;
  const [saving, setSaving] = useState(false);
  const [confirmed, setConfirmed] = useState("");
  const [dialogOpen, setDialogOpen] = useState(props.matches.length > 0);
  const hydrated = useHydrated();
  const lock = useSubmitLock(formRef, () => {
    setSaving(false);
    props.onRestored?.();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (props.disableOnSubmit && !lock.take()) {
      event.preventDefault();
      return;
    }
    const values = formValues(event.currentTarget);
    if (schema.peek()?.safeParse(values).success === false) {
      event.preventDefault();
      lock.release();
      void form.handleSubmit(() => {})(); // sets the errors, marks the form submitted, focuses the first field in error
      return;
    }
    props.onSending(values);
    if (props.disableOnSubmit) setSaving(true);
    // No preventDefault: the browser posts the form and navigates to the answer.
  }

  function saveAnyway(matchIds: string[]) {
    // Rendered before submitting: the form data is read from the DOM as it stands then.
    flushSync(() => setConfirmed(matchIds.join(",")));
    formRef.current?.requestSubmit();
  }

  const { errors, isSubmitted, touchedFields } = form.formState;
  /** The browser's verdict once it has one; before that, the server's (a refused POST renders it). */
  const fieldError = (name: string) => errors[name]?.message ?? (isSubmitted || touchedFields[name] ? undefined : props.fieldErrors[name]);
  const field = (name: (typeof FIELDS)[number]) => ({ ...form.register(name), defaultValue: props.values[name] ?? "", readOnly: saving });

  return (
    <form
      ref={formRef}
      method="post"
      action="/lab/tickets"
      onSubmit={onSubmit}
      onFocus={schema.prefetch}
      className="stack"
      noValidate
      data-hydrated={hydrated || undefined}
    >
      {props.problem?.kind === "conflict" ? (
        <Notice tone="warn" title="This form was already saved with different details.">
          <p>Nothing was changed.</p>
          <div className="row">
            <a className="button" href={props.problem.ticketUrl}>
              Open saved ticket
            </a>
            <a className="button button--secondary" href="/lab">
              New ticket
            </a>
          </div>
        </Notice>
      ) : null}
      {props.problem?.kind === "refused" ? (
        <Notice tone="error" title="This form cannot be saved.">
          <a href="/lab">Start a new ticket</a>
        </Notice>
      ) : null}
      {fieldError("id") ? <Notice tone="error">{fieldError("id")}</Notice> : null}
      {dialogOpen && props.matches.length > 0 ? (
        <DuplicateDialog matches={props.matches} saving={saving} onSaveAnyway={saveAnyway} onCancel={() => setDialogOpen(false)} />
      ) : null}
      {props.id !== null ? <input type="hidden" name="id" value={props.id} readOnly /> : null}
      <input type="hidden" name={CONFIRM_FIELD} value={confirmed} readOnly />
      <Field id="title" label="Title" error={fieldError("title")}>
        {(aria) => <input {...aria} {...field("title")} autoComplete="off" maxLength={TICKET_LIMITS.title} />}
      </Field>
      <Field id="details" label="Details" error={fieldError("details")} hint={`Optional, up to ${TICKET_LIMITS.details} characters.`}>
        {(aria) => <textarea {...aria} {...field("details")} rows={3} maxLength={TICKET_LIMITS.details} />}
      </Field>
      <div className="row">
        <SubmitButton saving={saving} label="Submit ticket" savingLabel="Submitting…" />
      </div>
      {/* Below the button, as in every create form (CreateForm's belowButton says why). */}
      {props.alreadySaved && props.startNew ? <AlreadySavedNotice saved={props.alreadySaved} onStartNew={props.startNew} another="another ticket" /> : null}
    </form>
  );
}

/** What the browser would post: every named field's text. */
function formValues(form: HTMLFormElement): FormValues {
  const values: FormValues = {};
  new FormData(form).forEach((value, name) => {
    if (typeof value === "string") values[name] = value;
  });
  return values;
}
