"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user.ts";
import { MERGE_FIELDS } from "@/lib/customers/merge/choose-fields.ts";
import { mergeCustomers, type MergeOutcome } from "@/lib/customers/merge/merge-customers.ts";
import { undoMerge } from "@/lib/customers/merge/undo-merge.ts";
import { getDb } from "@/lib/db/client.ts";
import { isDatabaseUnavailable } from "@/lib/db/unavailable.ts";
import { isUuid } from "@/lib/ids.ts";
import { readFormValues } from "@/lib/forms/form-state.ts";
import { mergeSchema } from "@/lib/validations/merge.ts";
import type { BulkMergeState, MergeFormState } from "@/components/customers/merge-state.ts";
import { mergeExactDuplicates } from "@/lib/customers/merge/exact-duplicates.ts";

export async function mergeAction(_previous: MergeFormState, formData: FormData): Promise<MergeFormState> {
  const user = await requireUser();
  const v = readFormValues(formData, ["id", "ids", "into", ...MERGE_FIELDS.map((f) => `field-${f}`)]);
  const fields = Object.fromEntries(MERGE_FIELDS.map((f) => [f, v[`field-${f}`]]).filter(([, id]) => id));
  const parsed = mergeSchema.safeParse({ id: v.id, into: v.into, from: v.ids.split(",").filter((id) => id && id !== v.into), fields });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0].message };
  let outcome: MergeOutcome;
  try {
    outcome = await mergeCustomers(getDb(), user.id, parsed.data);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { status: "error", message: "The database is busy just now, so nothing was merged. Try again." };
  }
  switch (outcome.status) {
    case "merged":
    case "replay":
      // Post-redirect-get: a reload or Back then resubmit sends this merge's ID again, which merges nothing twice.
      revalidatePath("/customers");
      return redirect(`/customers/${outcome.merge.intoId}?notice=merged`);
    case "already-merged":
      return {
        status: "error",
        message: "One of these customers was merged into another record meanwhile (perhaps by someone else); nothing was changed.",
        survivorUrl: `/customers/${outcome.survivorId}`,
      };
    case "not-found":
      return { status: "error", message: "One of these customers no longer exists; nothing was changed." };
    case "conflict":
      return { status: "error", message: "This form was already used for another merge. Reload the page to start again." };
    case "invalid":
      return { status: "error", message: outcome.detail };
  }
}

export async function undoMergeAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { mergeId, survivorId: back } = readFormValues(formData, ["mergeId", "survivorId"]);
  if (!isUuid(mergeId) || !isUuid(back)) redirect("/customers");
  const outcome = await undoMerge(getDb(), user.id, mergeId);
  revalidatePath("/customers");
  if (outcome.status === "undone" || outcome.status === "replay") redirect(`/customers/${back}?notice=unmerged`);
  const notice = outcome.status === "survivor-merged" ? "undo-after-later-merge" : outcome.status === "later-merge" ? "undo-newest-first" : "undo-unavailable";
  redirect(`/customers/${back}?notice=${notice}`);
}

/** One batch of "Merge all exact duplicates"; the form sends the next until none remain. */
export async function mergeExactBatchAction(previous: BulkMergeState): Promise<BulkMergeState> {
  const user = await requireUser();
  try {
    const { merged, remaining } = await mergeExactDuplicates(getDb(), user.id);
    return { status: remaining === 0 ? "done" : "running", merged: [...previous.merged, ...merged], remaining, stalled: merged.length === 0 && remaining > 0 };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { ...previous, status: "interrupted" };
  }
}
