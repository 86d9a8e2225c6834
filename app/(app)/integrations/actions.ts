"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user.ts";
import { isOperator } from "@/lib/auth/operators.ts";
import { getDb } from "@/lib/db/client.ts";
import { setSwitch } from "@/lib/outbox/kill-switch.ts";
import { retryFailedDeliveries } from "@/lib/fulfilment/retry.ts";
import { writeSandboxFaults } from "@/lib/fulfilment/sandbox-admin.ts";
import { invalidState } from "@/lib/forms/form-state.ts";
import { isUuid } from "@/lib/ids.ts";
import { faultsFormSchema, faultsFormValues } from "@/lib/validations/faults.ts";
import type { FaultsFormState } from "@/components/integrations/faults-form-state.ts";

/** The workspace's own switch; every instance sees the flip within a few seconds. */
export async function setDeliverySwitchAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  await setSwitch(getDb(), { scope: user.id, enabled: formData.get("enabled") === "on", changedBy: user.email });
  redirect("/integrations");
}

/** "Retry selected" / "Retry all failed": one batch, the same events, the user's own only. */
export async function retryFailedAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const all = formData.get("scope") === "all";
  const ids = formData.getAll("eventId").filter((v): v is string => typeof v === "string" && isUuid(v));
  if (!all && ids.length === 0) redirect("/integrations?retried=none");
  const n = await retryFailedDeliveries(getDb(), user, all ? null : ids);
  redirect(`/integrations?retried=${n}`);
}

/** The sandbox's faults reach every workspace that uses it: an operator's to set (ADMIN_EMAILS). */
export async function setFaultsAction(_previous: FaultsFormState, formData: FormData): Promise<FaultsFormState> {
  const user = await requireUser();
  if (!isOperator(user.email)) return { status: "forbidden" };
  const { raw, values } = faultsFormValues(formData);
  const parsed = faultsFormSchema.safeParse(raw);
  if (!parsed.success) return { status: "invalid", fieldErrors: invalidState(parsed.error, {}).fieldErrors, values };
  if (!(await writeSandboxFaults(parsed.data))) return { status: "unreachable", values };
  redirect("/integrations?faults=saved");
}
