"use client";

import { useEffect, useRef } from "react";
import type { MatchView } from "@/lib/matching/describe.ts";
import { CONFIRM_FIELD } from "@/lib/forms/form-state.ts";

const when = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";

const SIGN = { "+": { mark: "+", label: "for" }, "-": { mark: "−", label: "against" }, "0": { mark: "·", label: "neutral" } } as const;

/** How likely the two are one customer, and each piece of evidence with its sign. */
function Evidence({ probability, evidence }: { probability?: number; evidence: NonNullable<MatchView["evidence"]> }) {
  return (
    <div className="evidence">
      {probability !== undefined ? <div className="probability">{Math.round(probability * 100)}% likely the same customer</div> : null}
      <ul aria-label="Evidence">
        {evidence.map((e) => (
          <li key={e.text} className={`evidence__item evidence__item--${SIGN[e.sign].label}`}>
            <span className="evidence__sign" aria-label={SIGN[e.sign].label}>
              {SIGN[e.sign].mark}
            </span>{" "}
            {e.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Nothing was saved: these records look like the one being saved. The user decides. "Save anyway"
 * re-sends the same record ID with the IDs of the matches shown here; without JavaScript it is a
 * plain submit button carrying them.
 */
export function DuplicateDialog(props: { matches: MatchView[]; saving: boolean; onSaveAnyway: (ids: string[]) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = props.matches.map((m) => m.id);

  useEffect(() => {
    const dialog = ref.current;
    // What had focus (the submit button, or the field Enter was pressed in); on a page rendered
    // with the dialog open, the form's submit button.
    const active = document.activeElement;
    const opener =
      active instanceof HTMLElement && active !== document.body ? active : dialog?.closest("form")?.querySelector<HTMLElement>("[type=submit]:not(dialog *)");
    if (dialog && !dialog.open)
      dialog.showModal(); // modal: focus moves in, Escape cancels
    else if (dialog?.open) {
      dialog.close();
      dialog.showModal();
    }
    // The dialog is removed rather than closed, so the browser's own return of focus does not run.
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="duplicate-title"
      open
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="duplicate-title">Possible duplicate</h2>
      <p className="muted">
        {props.matches.length === 1 ? "This record looks like one you already have." : `This record looks like ${props.matches.length} you already have.`}{" "}
        Nothing has been saved yet.
      </p>
      <ul className="matches">
        {props.matches.map((m) => (
          <li key={m.id} className="match">
            <div>
              <strong>{m.title}</strong>
              {m.details.length > 0 ? <div className="muted">{m.details.join(" · ")}</div> : null}
              {m.evidence ? <Evidence probability={m.probability} evidence={m.evidence} /> : <div className="reasons">{m.reasons.join(", ")}</div>}
              {/* Every match is one of the user's own records: "by you" would say nothing. */}
              <div className="muted small">Created {when(m.createdAt)}</div>
            </div>
            <a className="button button--secondary" href={m.url} aria-label={`Open existing: ${m.title}`}>
              Open existing
            </a>
          </li>
        ))}
      </ul>
      <div className="row">
        <button
          type="submit"
          className="button"
          name={CONFIRM_FIELD}
          value={ids.join(",")}
          disabled={props.saving}
          onClick={(event) => {
            event.preventDefault();
            props.onSaveAnyway(ids);
          }}
        >
          {props.saving ? "Saving…" : "Save anyway"}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
