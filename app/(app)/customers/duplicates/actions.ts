"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user.ts";
import { markNotDuplicates, undoNotDuplicates } from "@/lib/customers/not-duplicates.ts";
import { getDb } from "@/lib/db/client.ts";
import { isUuid } from "@/lib/ids.ts";

const idsOf = (formData: FormData) =>
  formData
    .getAll("id")
    .filter((v): v is string => typeof v === "string" && isUuid(v))
    .slice(0, 20);

/** "Not duplicates": every pair of the group stands apart from now on; the page offers the undo. */
export async function markNotDuplicatesAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const ids = idsOf(formData);
  const outcome = await markNotDuplicates(getDb(), user.id, ids);
  revalidatePath("/customers/duplicates");
  if (outcome.status !== "marked") redirect("/customers/duplicates?decided=invalid");
  redirect(`/customers/duplicates?decided=${ids.join(",")}&at=${outcome.at.getTime()}`);
}

export async function undoNotDuplicatesAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const at = Number(formData.get("at"));
  const ids = idsOf(formData);
  if (Number.isFinite(at) && ids.length >= 2) await undoNotDuplicates(getDb(), user.id, ids, new Date(at));
  revalidatePath("/customers/duplicates");
  redirect("/customers/duplicates?decided=undone");
}
