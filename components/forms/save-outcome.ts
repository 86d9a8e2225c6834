// Where a duplicate-safe form stands after each thing that can happen to it: what the user sees
// (the server's last answer, a lost response's "Try again", the "Possible duplicate" dialog) and
// whether it is saving. A reducer, so every transition is a plain function the tests call.
import { IDLE, type FormState } from "@/lib/forms/form-state.ts";

export type Phase = "idle" | "saving" | "network-error";

export interface SaveOutcome {
  /** The last answer shown; null until this page has sent anything (the server's own render shows then). */
  answer: FormState | null;
  phase: Phase;
  /** The match IDs "Save anyway" confirmed, sent with the next submit; "" for none. */
  confirmed: string;
}

export type SaveEvent =
  | { type: "submit" }
  /** Nothing is in flight any more: the browser's own check found errors, or the page came back from the back-forward cache. */
  | { type: "stopped" }
  /** The server answered without redirecting. */
  | { type: "answered"; result: FormState }
  /** The request failed or its answer was lost: the save may or may not have happened. */
  | { type: "lost" }
  | { type: "save-anyway"; matchIds: readonly string[] }
  | { type: "cancel-duplicate" }
  /** The same entries under a new ID. */
  | { type: "reset" };

export const INITIAL_OUTCOME: SaveOutcome = { answer: null, phase: "idle", confirmed: "" };

export function saveOutcome(s: SaveOutcome, e: SaveEvent): SaveOutcome {
  switch (e.type) {
    case "submit":
      // Keep the duplicate dialog up while "Save anyway" is saving; clear anything else.
      return { ...s, phase: "saving", answer: s.answer?.status === "possible-duplicate" ? s.answer : null };
    case "stopped":
      return { ...s, phase: "idle" };
    case "answered":
      return { answer: e.result, phase: "idle", confirmed: e.result.status === "possible-duplicate" ? s.confirmed : "" };
    case "lost":
      // Retrying sends the same ID, so either way it cannot make a copy.
      return { ...s, phase: "network-error" };
    case "save-anyway":
      return { ...s, confirmed: e.matchIds.join(",") };
    case "cancel-duplicate":
      return { ...s, answer: IDLE, confirmed: "" };
    case "reset":
      return { answer: IDLE, phase: "idle", confirmed: "" };
  }
}
