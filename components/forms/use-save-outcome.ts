"use client";

// What the form shows after each attempt: the server's answer, a lost response's "Try again", the
// "Possible duplicate" dialog with "Save anyway" and "Cancel" (components/forms/save-outcome.ts). Sending
// goes through here, so a thrown request becomes "lost" and never an unhandled error.
import { useCallback, useReducer } from "react";
import { IDLE, type FormState, type FormValues } from "@/lib/forms/form-state.ts";
import { INITIAL_OUTCOME, saveOutcome } from "@/components/forms/save-outcome.ts";

export type CreateAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export function useSaveOutcome(serverState: FormState) {
  const [outcome, dispatch] = useReducer(saveOutcome, INITIAL_OUTCOME);

  /** Sends the values; returns the server's answer, or whether it redirected (the page is changing) or was lost. */
  const send = useCallback(async (action: CreateAction, values: FormValues): Promise<FormState | "redirected" | "lost"> => {
    const body = new FormData();
    for (const [name, value] of Object.entries(values)) body.set(name, value);
    let result: FormState | undefined;
    try {
      result = await action(IDLE, body);
    } catch {
      dispatch({ type: "lost" });
      return "lost";
    }
    if (!result) return "redirected";
    dispatch({ type: "answered", result });
    return result;
  }, []);

  return {
    state: outcome.answer ?? serverState,
    phase: outcome.phase,
    confirmed: outcome.confirmed,
    dispatch,
    send,
  };
}
