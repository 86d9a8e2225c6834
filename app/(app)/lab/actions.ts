"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { clearLabData } from "@/lib/lab/clear-lab-data.ts";
import { placeLabOrder, sendForgedCallback } from "@/lib/lab/integration.ts";
import { logLabAttempt } from "@/lib/lab/integration-log.ts";
import { invalidState, readFormValues } from "@/lib/forms/form-state.ts";
import { labOrderSchema } from "@/lib/validations/lab-order.ts";
import { decodeLabSettings, encodeLabSettings, LAB_COOKIE, LAB_KEYS, type LabSettings } from "@/lib/lab/settings.ts";
import type { LabOrderFormState } from "@/components/lab/lab-order-form-state.ts";

/**
 * Saves the Lab's switches for this user in this browser (a session cookie, gone when it closes).
 * Only the keys the form names in "keys" change: each section of the page sends its own.
 */
export async function updateLabSettings(formData: FormData): Promise<void> {
  const user = await requireUser();
  const jar = await cookies();
  const settings: LabSettings = decodeLabSettings(user.id, jar.get(LAB_COOKIE)?.value);
  const named = new Set(formData.getAll("keys").map(String));
  for (const key of LAB_KEYS) if (named.has(key)) settings[key] = formData.get(key) === "on";
  jar.set(LAB_COOKIE, encodeLabSettings(user.id, settings), { httpOnly: true, sameSite: "lax", path: "/" });
}

/** The Lab order form's state: a refused description; a placed order answers with a redirect. */

/** Places a Lab order under the integration switches, then shows the Lab again (post-redirect-get). */
export async function placeLabOrderAction(_previous: LabOrderFormState, formData: FormData): Promise<LabOrderFormState> {
  const user = await requireUser();
  const settings = decodeLabSettings(user.id, (await cookies()).get(LAB_COOKIE)?.value);
  const values = readFormValues(formData, ["id", "description"]);
  const parsed = labOrderSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const db = getDb();
  const outcome = await placeLabOrder(db, user.id, parsed.data, settings);
  await logLabAttempt(db, user.id, { kind: "order", at: Date.now(), orderId: outcome.orderId, description: parsed.data.description, outcome: outcome.status });
  redirect(`/lab?integration=${outcome.status}#integration`);
}

/** Sends a forged callback about the latest Lab order to the real callback handler. */
export async function sendForgedCallbackAction(): Promise<void> {
  const user = await requireUser();
  const settings = decodeLabSettings(user.id, (await cookies()).get(LAB_COOKIE)?.value);
  const db = getDb();
  const result = await sendForgedCallback(db, user.id, settings);
  if (result.orderId) await logLabAttempt(db, user.id, { kind: "forged", at: Date.now(), orderId: result.orderId, status: result.status });
  redirect(`/lab?integration=${result.orderId === null ? "no-order" : result.status === 200 ? "forged-accepted" : "forged-refused"}#integration`);
}

/** Removes the user's Lab orders, tickets and Lab history; real records are untouched. */
export async function clearLabDataAction(): Promise<void> {
  const user = await requireUser();
  const cleared = await clearLabData(getDb(), user.id);
  redirect(`/lab?cleared=${cleared.orders}-${cleared.tickets}#lab-data`);
}
