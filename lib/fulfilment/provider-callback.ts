// What the fulfilment provider's callbacks say (its "webhooks"): news of an operation we asked for.
// Checked after the signature, before anything else reads them.
import * as z from "zod";

export const PROVIDER_SOURCE = "provider";

export const providerCallbackSchema = z.object({
  type: z.enum(["operation.processing", "operation.succeeded", "operation.failed"]),
  timestamp: z.string().max(40),
  data: z.object({
    operationId: z.uuid(),
    /** Our event's ID, sent as the Idempotency-Key of the shipment request. */
    idempotencyKey: z.string().min(1).max(255),
    orderId: z.string().max(200),
    shipmentId: z.string().min(1).max(200).nullable(),
    reason: z.string().max(1000).nullable(),
  }),
});

export type ProviderCallback = z.infer<typeof providerCallbackSchema>;
