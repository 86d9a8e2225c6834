"use server";

import { requireUser } from "@/lib/auth/current-user.ts";
import { saveCustomer } from "@/lib/customers/save-customer.ts";
import { getDb } from "@/lib/db/client.ts";
import { finishSave, saveOrUnavailable } from "@/lib/forms/finish-save.ts";
import { CONFIRM_FIELD, invalidState, parseConfirmedIds, readFormValues, type FormState } from "@/lib/forms/form-state.ts";
import { describeCustomerMatch } from "@/lib/matching/describe.ts";
import { CUSTOMER_FIELDS, customerSchema } from "@/lib/validations/customer.ts";

export async function saveCustomerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = readFormValues(formData, ["id", ...CUSTOMER_FIELDS, CONFIRM_FIELD]);
  const parsed = customerSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const outcome = await saveOrUnavailable(values, () =>
    saveCustomer(getDb(), user.id, parsed.data, { confirmedMatchIds: parseConfirmedIds(values[CONFIRM_FIELD]) }),
  );
  if (outcome.status === "unavailable") return outcome;
  return finishSave(outcome, "/customers", values, describeCustomerMatch);
}
