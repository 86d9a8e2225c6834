"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { retryOrderDelivery } from "@/lib/fulfilment/retry.ts";
import { isUuid } from "@/lib/ids.ts";

/** "Retry now" on a failed delivery: the same event (same key) back in the queue. */
export async function retryDeliveryAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const orderId = formData.get("orderId");
  if (typeof orderId !== "string" || !isUuid(orderId)) redirect("/orders");
  await retryOrderDelivery(getDb(), user, orderId);
  redirect(`/orders/${orderId}`);
}
