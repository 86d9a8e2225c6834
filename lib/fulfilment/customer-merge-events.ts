// "customer.merged" and "customer.unmerged": the fulfilment provider is told when customers merge
// (its shipments follow the survivor) and when a merge is undone. Each is an outbox event written
// in the merge's (or the undo's) transaction, so it leaves if and only if the merge committed. Its ID
// is derived from the merge's, so a merge can enqueue each at most once.
import * as z from "zod";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { enqueue, stableEventId } from "@/lib/outbox/store.ts";

export const CUSTOMER_MERGED = "customer.merged";
export const CUSTOMER_UNMERGED = "customer.unmerged";
export type CustomerMergeTopic = typeof CUSTOMER_MERGED | typeof CUSTOMER_UNMERGED;

export const customerMergePayload = z.object({
  mergeId: z.string(),
  into: z.string(),
  from: z.array(z.string()),
  /** The survivor's values after the merge (on "customer.merged" only). */
  fields: z
    .object({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      company: z.string().nullable(),
      // Events written before customers had addresses carry none.
      street: z.string().nullable().optional(),
      postcode: z.string().nullable().optional(),
      city: z.string().nullable().optional(),
      country: z.string().nullable().optional(),
    })
    .optional(),
});
export type CustomerMergePayload = z.infer<typeof customerMergePayload>;

export async function enqueueCustomerMergeEvent(
  tx: Prisma.TransactionClient,
  ownerId: string,
  topic: CustomerMergeTopic,
  payload: CustomerMergePayload,
): Promise<void> {
  await enqueue(tx, { id: stableEventId(topic, payload.mergeId), ownerId, topic, aggregateId: payload.mergeId, payload });
}
