// The provider's topics, registered with the dispatcher (which imports none of them): an order is
// sent as a shipment request and awaits its result; an acknowledgment and a merge notice are done
// once delivered. What a result does to an order (confirm it, acknowledge it) happens here or in
// the inbox, through the outbox's store.
import { timeout, TimeoutStrategy } from "cockatiel";
import * as z from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { topic, type TopicHandlers } from "@/lib/outbox/topics.ts";
import { CUSTOMER_MERGED, CUSTOMER_UNMERGED, customerMergePayload } from "./customer-merge-events.ts";
import { idempotencyKeyOf, splitPayload } from "./lab-options.ts";
import { enqueueAck, OPERATION_ACK } from "./operation-ack.ts";
import { ORDER_PLACED } from "./order-placed.ts";
import { ProviderClient } from "./provider-client.ts";
import type { HttpSend } from "./provider-http.ts";
import type { ProviderSettings } from "./provider-settings.ts";

const DONE = { done: true } as const;

export function fulfilmentTopics(db: PrismaClient, o: { provider: ProviderSettings; requestTimeoutMs: number; send?: HttpSend }): TopicHandlers {
  const client = new ProviderClient({
    baseUrl: o.provider.url,
    clientId: o.provider.clientId,
    clientSecret: o.provider.clientSecret,
    policy: timeout(o.requestTimeoutMs, TimeoutStrategy.Aggressive),
    send: o.send,
  });
  return {
    [ORDER_PLACED]: topic({
      // The body was fixed when the order was saved; it goes as it is, under the same key every time.
      payload: z.record(z.string(), z.unknown()),
      async deliver(event) {
        const { body, lab } = splitPayload(event.payload);
        const { operationId } = await client.createShipment(idempotencyKeyOf(event, lab), body);
        return { awaiting: operationId };
      },
      async checkResult(event) {
        const state = await client.operation(event.operationId);
        // A result in hand is acknowledged, so the provider stops re-sending a callback we never got.
        if (state.status !== "processing" && state.status !== "unknown")
          await enqueueAck(db, { ownerId: event.ownerId, aggregateId: event.aggregateId, operationId: event.operationId });
        return state;
      },
    }),
    [OPERATION_ACK]: topic({
      payload: z.object({ operationId: z.string().min(1) }),
      deliver: async (_event, payload) => (await client.acknowledge(payload.operationId), DONE),
    }),
    [CUSTOMER_MERGED]: topic({ payload: customerMergePayload, deliver: async (_event, payload) => (await client.customerMerge(payload, false), DONE) }),
    [CUSTOMER_UNMERGED]: topic({ payload: customerMergePayload, deliver: async (_event, payload) => (await client.customerMerge(payload, true), DONE) }),
  };
}
