// The "order.placed" event: what the fulfilment provider is sent for each new order. Its body is
// fixed when the order is saved, so every attempt sends the same bytes under the same key.
import type { NewEvent } from "@/lib/outbox/store.ts";

export const ORDER_PLACED = "order.placed";

export function orderPlacedEvent(
  ownerId: string,
  order: { id: string; customerId: string; description: string; amountMinor: number; currency: string },
): NewEvent {
  return {
    ownerId,
    topic: ORDER_PLACED,
    payload: { orderId: order.id, customerId: order.customerId, description: order.description, amountMinor: order.amountMinor, currency: order.currency },
  };
}
