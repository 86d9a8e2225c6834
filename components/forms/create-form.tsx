"use client";

import type { ReactNode } from "react";
import { AlreadySavedNotice } from "./already-saved-notice.tsx";
import { SaveProblem } from "./save-problem.tsx";
import { SubmitButton } from "./submit-button.tsx";
import type { useCreateForm } from "./use-create-form.ts";

/** The frame every create form shares: its feedback, its record ID, its fields, its button. */
export function CreateForm(props: {
  controls: ReturnType<typeof useCreateForm>;
  newFormHref: string;
  submitLabel: string;
  savingLabel?: string;
  children: ReactNode;
  /**
   * Shown below the button: advice that appears while the user types (possible matches). Above
   * it, its arrival would move the button as the pointer reached it, and the click would miss.
   * "Already saved" sits there too, for the same reason: it arrives just after Back, when the
   * user may be reaching for the button.
   */
  belowButton?: ReactNode;
}) {
  const { id, formProps, retry, startNew, saveAnyway, cancelDuplicate, state, phase, saving, fieldError, alreadySaved } = props.controls;
  return (
    <form {...formProps} className="card stack form-measure" noValidate>
      <SaveProblem
        state={state}
        phase={phase}
        newFormHref={props.newFormHref}
        onRetry={retry}
        onStartNew={startNew}
        onSaveAnyway={saveAnyway}
        onCancelDuplicate={cancelDuplicate}
        formError={fieldError("id")}
      />
      <input type="hidden" name="id" value={id} />
      {props.children}
      <div className="row">
        <SubmitButton saving={saving} label={props.submitLabel} savingLabel={props.savingLabel} />
      </div>
      {alreadySaved && state.status === "idle" && phase === "idle" ? (
        <AlreadySavedNotice saved={alreadySaved} onStartNew={startNew} another="another record" />
      ) : null}
      {props.belowButton}
    </form>
  );
}
