// The provider's topics, registered with the dispatcher (which imports none of them): an order is
// sent as a shipment request and awaits its result; an acknowledgment and a merge notice are done
// once delivered. What a result does to an order (confirm it, acknowledge it) happens here or in
// the callback's effect, through the outbox's store. The Lab registers a shipment topic of its own
// (lib/lab/lab-topic.ts).
import { timeout, TimeoutStrategy } from "cockatiel";
import * as z from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { ClaimedEvent } from "@/lib/outbox/store.ts";
import { topic, type TopicHandler, type TopicHandlers } from "@/lib/outbox/topics.ts";
import { CUSTOMER_MERGED, CUSTOMER_UNMERGED, customerMergePayload } from "./customer-merge-events.ts";
import { enqueueAck, OPERATION_ACK } from "./operation-ack.ts";
import { ORDER_PLACED } from "./order-placed.ts";
import { ProviderClient } from "./provider-client.ts";
import type { HttpSend } from "./provider-http.ts";
import type { ProviderSettings } from "./provider-settings.ts";

const DONE = { done: true } as const;

interface Connection {
  provider: ProviderSettings;
  requestTimeoutMs: number;
  send?: HttpSend;
}

export function providerClient(o: Connection): ProviderClient {
  return new ProviderClient({
    baseUrl: o.provider.url,
    clientId: o.provider.clientId,
    clientSecret: o.provider.clientSecret,
    policy: timeout(o.requestTimeoutMs, TimeoutStrategy.Aggressive),
    send: o.send,
  });
}

/**
 * A topic that asks the provider to ship an order and awaits the result. `request` says what one
 * attempt sends and under which key; "order.placed" sends the saved body under the event's ID.
 */
export function shipmentTopic<P>(
  db: PrismaClient,
  client: ProviderClient,
  payload: z.ZodType<P>,
  request: (event: ClaimedEvent, payload: P) => { key: string; body: unknown },
): TopicHandler {
  return topic({
    payload,
    async deliver(event, payload) {
      const { key, body } = request(event, payload);
      const { operationId } = await client.createShipment(key, body);
      return { awaiting: operationId };
    },
    async checkResult(event) {
      const state = await client.operation(event.operationId);
      // A result in hand is acknowledged, so the provider stops re-sending a callback we never got.
      if (state.status !== "processing" && state.status !== "unknown")
        await enqueueAck(db, { ownerId: event.ownerId, aggregateId: event.aggregateId, operationId: event.operationId });
      return state;
    },
  });
}

export function fulfilmentTopics(db: PrismaClient, o: Connection): TopicHandlers {
  const client = providerClient(o);
  return {
    // The body was fixed when the order was saved; it goes as it is, under the same key every time.
    [ORDER_PLACED]: shipmentTopic(db, client, z.record(z.string(), z.unknown()), (event, body) => ({ key: event.id, body })),
    [OPERATION_ACK]: topic({
      payload: z.object({ operationId: z.string().min(1) }),
      deliver: async (_event, payload) => (await client.acknowledge(payload.operationId), DONE),
    }),
    [CUSTOMER_MERGED]: topic({ payload: customerMergePayload, deliver: async (_event, payload) => (await client.customerMerge(payload, false), DONE) }),
    [CUSTOMER_UNMERGED]: topic({ payload: customerMergePayload, deliver: async (_event, payload) => (await client.customerMerge(payload, true), DONE) }),
  };
}
