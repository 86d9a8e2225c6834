// What the dispatcher needs from a topic, and nothing about any one topic: each topic registers its
// payload's schema and how to deliver it (lib/fulfilment/delivery-topics.ts registers the
// provider's). The dispatcher claims, retries, trips its breaker and writes outcomes; a topic only
// makes the call.
import type * as z from "zod";
import type { AttemptFailure } from "./retry-policy.ts";
import type { ClaimedEvent } from "./store.ts";

/** An attempt that did not deliver, as the retry policy and the circuit breaker read it. */
export class DeliveryFailure extends Error implements AttemptFailure {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Whether it says something about the receiver's health (the breaker counts these). */
    readonly countsAgainstProvider: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Done once delivered, or taken by the receiver, which will report the result of `operationId`. */
type Delivery = { done: true } | { awaiting: string };

/** An awaited result, asked for when it is overdue. */
export type ResultState =
  | { status: "processing" }
  | { status: "succeeded"; shipmentId: string }
  | { status: "failed"; reason: string }
  /** The receiver does not know the operation. */
  | { status: "unknown" };

export interface TopicHandler<P = unknown> {
  payload: z.ZodType<P>;
  /** One attempt; a failed one throws (a DeliveryFailure says whether to retry). */
  deliver(event: ClaimedEvent, payload: P): Promise<Delivery>;
  /** For topics whose delivery awaits a result. */
  checkResult?(event: ClaimedEvent & { operationId: string }): Promise<ResultState>;
}

export type TopicHandlers = Readonly<Record<string, TopicHandler>>;

/** Registers one topic, keeping its payload's type between its schema and its deliver. */
export const topic = <P>(handler: TopicHandler<P>): TopicHandler => handler as TopicHandler;
