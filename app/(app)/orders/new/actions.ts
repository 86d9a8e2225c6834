"use server";

import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { finishSave, saveOrUnavailable } from "@/lib/forms/finish-save.ts";
import { CONFIRM_FIELD, invalidState, parseConfirmedIds, readFormValues, type FormState } from "@/lib/forms/form-state.ts";
import { describeOrderMatch } from "@/lib/matching/describe.ts";
import { saveOrder } from "@/lib/orders/save-order.ts";
import { ORDER_FIELDS, orderSchema } from "@/lib/validations/order.ts";

export async function saveOrderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = readFormValues(formData, ["id", ...ORDER_FIELDS, CONFIRM_FIELD]);
  const parsed = orderSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const outcome = await saveOrUnavailable(values, () =>
    saveOrder(getDb(), user.id, parsed.data, { confirmedMatchIds: parseConfirmedIds(values[CONFIRM_FIELD]) }),
  );
  if (outcome.status === "unavailable") return outcome;
  if (outcome.status === "unknown-customer") {
    return { status: "invalid", fieldErrors: { customerId: "Choose one of your customers." }, values };
  }
  // The order's page says so if that customer was merged and the order went to the survivor.
  return finishSave(outcome, "/orders", values, describeOrderMatch, { placedFor: parsed.data.customerId });
}
