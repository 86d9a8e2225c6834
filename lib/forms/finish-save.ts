import "server-only";
import { redirect } from "next/navigation";
import { isDatabaseUnavailable } from "@/lib/db/unavailable.ts";
import type { SaveOutcome } from "@/lib/save-once/save-once.ts";
import type { MatchView } from "@/lib/matching/describe.ts";
import type { FormState, FormValues } from "./form-state.ts";

/**
 * Runs a form's save; when the database cannot take it just now (a lock not granted in time, a
 * lost connection) the form gets "unavailable" with everything typed, and retrying is safe: the
 * transaction rolled back, and the retry carries the same record ID.
 */
export async function saveOrUnavailable<T>(values: FormValues, save: () => Promise<T>): Promise<T | Extract<FormState, { status: "unavailable" }>> {
  try {
    return await save();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("save refused for now, the database is unavailable:", error);
    return { status: "unavailable", values };
  }
}

/**
 * Post-redirect-get for a create form: a save (new, or a repeat of one already made) redirects to
 * the record, so reloading the result page re-posts nothing; anything else becomes form state.
 * Must be called outside try/catch: redirect() works by throwing.
 */
export function finishSave<M>(
  outcome: SaveOutcome<M>,
  basePath: string,
  values: FormValues,
  describeMatch: (match: M) => MatchView,
  /** More for the record's page to know, such as the customer an order was placed for. */
  extra: Record<string, string> = {},
): FormState {
  const more = Object.entries(extra)
    .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
    .join("");
  switch (outcome.status) {
    case "created":
      // No revalidatePath: every page here is dynamic (it reads the session and the database), so
      // a link or a reload asks the server anyway. Revalidating also emptied the router's cache, so
      // going Back to the form fetched it again, and under `next dev` that refetch trips React's
      // "called use() to suspend" check inside Next's router and its overlay reports an issue.
      return redirect(`${basePath}/${outcome.id}?notice=${outcome.matchCheck === "ok" ? "saved" : "saved-unchecked"}${more}`);
    case "replay":
      return redirect(`${basePath}/${outcome.id}?notice=already-saved${more}`);
    case "conflict":
      return { status: "conflict", recordUrl: `${basePath}/${outcome.id}`, values };
    case "foreign":
      return { status: "refused", values };
    case "possible-duplicate":
      return { status: "possible-duplicate", matches: outcome.matches.map(describeMatch), values };
  }
}
