import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { SaveOutcome } from "@/lib/idempotency/save-once.ts";
import type { FormState, FormValues } from "./form-state.ts";

/**
 * Post-redirect-get for a create form: a save (new, or a repeat of one already made) redirects to
 * the record, so reloading the result page re-posts nothing; anything else becomes form state.
 * Must be called outside try/catch: redirect() works by throwing.
 */
export function finishSave(outcome: SaveOutcome, basePath: string, values: FormValues): FormState {
  switch (outcome.status) {
    case "created":
      revalidatePath(basePath);
      return redirect(`${basePath}/${outcome.id}?notice=saved`);
    case "replay":
      return redirect(`${basePath}/${outcome.id}?notice=already-saved`);
    case "conflict":
      return { status: "conflict", recordUrl: `${basePath}/${outcome.id}`, values };
    case "foreign":
      return { status: "refused", values };
  }
}
