import Link from "next/link";
import { Notice } from "@/components/ui/notice.tsx";
import type { FormState } from "@/lib/forms/form-state.ts";
import { DuplicateDialog } from "./lazy-duplicate-dialog.tsx";
import type { Phase } from "./use-create-form.ts";

/** What the last attempt needs from the user: a decision, a retry, or a way forward. */
interface Props {
  state: FormState;
  phase: Phase;
  newFormHref: string;
  onRetry: () => void;
  /** Keeps what was typed under a fresh ID; the link is the no-JavaScript way. */
  onStartNew: () => void;
  onSaveAnyway: (matchIds: string[]) => void;
  onCancelDuplicate: () => void;
  formError?: string;
}

export function SaveProblem(props: Props) {
  const startNew = (label: string) => (
    <a
      className="button button--secondary"
      href={props.newFormHref}
      onClick={(event) => {
        event.preventDefault();
        props.onStartNew();
      }}
    >
      {label}
    </a>
  );
  if (props.state.status === "possible-duplicate" && props.phase !== "network-error") {
    return (
      <DuplicateDialog matches={props.state.matches} saving={props.phase === "saving"} onSaveAnyway={props.onSaveAnyway} onCancel={props.onCancelDuplicate} />
    );
  }
  if (props.phase === "network-error") {
    return (
      <Notice tone="error" title="Could not reach the server.">
        <p>Your entries are kept. Trying again is safe: if the first attempt was saved, you will land on that record.</p>
        <button type="button" className="button" onClick={props.onRetry}>
          Try again
        </button>
      </Notice>
    );
  }
  if (props.state.status === "unavailable") {
    return (
      <Notice tone="error" title="Not saved yet: the database is busy.">
        <p>Your entries are kept. Trying again is safe: this form can only ever save one record.</p>
        <button type="submit" className="button">
          Try again
        </button>
      </Notice>
    );
  }
  if (props.state.status === "conflict") {
    return (
      <Notice tone="warn" title="This form was already saved with different details.">
        <p>Nothing was changed. Open the saved record, or start a new form that keeps what you typed and saves it as a new record.</p>
        <div className="row">
          <Link className="button" href={props.state.recordUrl}>
            Open saved record
          </Link>
          {startNew("Start a new form")}
        </div>
      </Notice>
    );
  }
  if (props.state.status === "refused") {
    return (
      <Notice tone="error" title="This form cannot be saved.">
        <p>Start a new form to save these details.</p>
        {startNew("Start a new form")}
      </Notice>
    );
  }
  if (props.formError) return <Notice tone="error">{props.formError}</Notice>;
  return null;
}
