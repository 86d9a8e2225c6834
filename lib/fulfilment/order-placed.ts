// The "order.placed" event: what the fulfilment provider is sent for each new order. Its body is
// fixed when the order is saved, so every attempt sends the same bytes under the same key.
import type { NewEvent } from "@/lib/outbox/store.ts";

export const ORDER_PLACED = "order.placed";

/**
 * A variant of "order.placed" that another module registers with the dispatcher (the Integration
 * Lab's, which sends its orders its own way): still a request to ship an order, so an order's
 * timeline, its retry and the provider's callbacks follow it like the real one.
 */
export const orderPlacedVariant = (name: string) => `${ORDER_PLACED}:${name}`;

/** "order.placed" and its variants: every topic whose name begins so. As a Prisma filter, and as a test. */
export const SHIPS_AN_ORDER = { startsWith: ORDER_PLACED };
export const shipsAnOrder = (topic: string) => topic.startsWith(ORDER_PLACED);

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
