// POST /api/webhooks/provider, without the HTTP: the raw body and headers in, a status and body
// out. Nothing is parsed, looked up or written before the signature holds (apart from counting the
// refusal), and a refusal says only "invalid signature" or "stale timestamp".
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";
import { verify } from "@/lib/webhooks/signature.ts";
import type { RefusalThrottle } from "@/lib/inbox/refusal-throttle.ts";
import { PROVIDER_SOURCE, providerCallbackSchema, type ProviderCallback } from "./provider-callback.ts";
import { receiveOnce, recordRejection, type Receipt } from "@/lib/inbox/receive.ts";
import { applyProviderResult } from "./apply-result.ts";
import { eventIdOfKey } from "./shipment-key.ts";

export interface WebhookAnswer {
  status: number;
  body: { received: true; repeat: boolean } | { error: string };
  headers?: Record<string, string>;
}

type Refuse = (status: number, reason: string) => Promise<WebhookAnswer>;

interface Receiving {
  reconcileAfterMs: number;
  /**
   * A query of one boolean: is a callback about this event applied without the inbox? Passed by
   * the app's route for the Integration Lab's "Inbox: off" (lib/lab/lab-topic.ts); never otherwise.
   */
  skipInbox?: (eventId: string) => Prisma.Sql;
  now?: number;
  /** How the verified callback is received: the inbox (bench:inbox compares it with the effect alone). */
  receive?: typeof receiveProviderCallback;
}

export async function handleProviderWebhook(
  db: PrismaClient,
  request: { headers: Headers; body: Buffer | null },
  o: Receiving & {
    secrets: string[];
    /** The sender's address and the throttle its refusals count against (the HTTP route's). */
    sender?: { address: string; throttle: RefusalThrottle };
  },
): Promise<WebhookAnswer & { receipt?: Receipt }> {
  if (o.secrets.length === 0) return { status: 503, body: { error: "callbacks are not configured" } };
  const wait = o.sender && (await o.sender.throttle.retryAfter(o.sender.address));
  if (wait) return { status: 429, body: { error: "too many refused callbacks" }, headers: { "Retry-After": String(wait) } };
  const refuse: Refuse = async (status, reason) => {
    await o.sender?.throttle.refused(o.sender.address);
    return refusal(db)(status, reason);
  };
  if (request.body === null) return refuse(413, "too large");
  const rejection = verify(o.secrets, callbackHeaders(request.headers), request.body, o.now);
  if (rejection) return refuse(401, rejection);
  return receiveAfterVerification(db, { headers: request.headers, body: request.body }, o, refuse);
}

const callbackHeaders = (headers: Headers) => ({
  id: headers.get("webhook-id"),
  timestamp: headers.get("webhook-timestamp"),
  signature: headers.get("webhook-signature"),
});

/** Counting must not turn a refusal into an error: the sender learns the same either way. */
const refusal =
  (db: PrismaClient): Refuse =>
  async (status, reason) => {
    await recordRejection(db, PROVIDER_SOURCE, reason).catch((error) => console.error("inbox: could not count a refused callback:", error));
    return { status, body: { error: reason } };
  };

/**
 * What the handler does once a callback's signature holds. Never called on a request's say: only
 * by the handler, and by the Integration Lab's "Signature check: off", which shows what a forgery
 * would do to an order if nothing checked it.
 */
export async function receiveAfterVerification(
  db: PrismaClient,
  request: { headers: Headers; body: Buffer },
  o: Receiving,
  refuse: Refuse = refusal(db),
): Promise<WebhookAnswer & { receipt?: Receipt }> {
  const id = request.headers.get("webhook-id");
  if (!id || id.length > 200) return refuse(400, "malformed");
  let parsed;
  try {
    parsed = providerCallbackSchema.safeParse(JSON.parse(request.body.toString("utf8")));
  } catch {
    return refuse(400, "malformed");
  }
  if (!parsed.success) return refuse(400, "malformed");
  const receipt = await (o.receive ?? receiveProviderCallback)(db, id, parsed.data, o);
  // A repeat gets 200 too: the provider must stop re-sending it.
  return { status: 200, body: { received: true, repeat: receipt === "repeat" }, receipt };
}

/** A verified callback, applied once through the inbox. */
export function receiveProviderCallback(
  db: PrismaClient,
  messageId: string,
  callback: ProviderCallback,
  o: Pick<Receiving, "reconcileAfterMs" | "skipInbox">,
): Promise<Receipt> {
  const eventId = eventIdOfKey(callback.data.idempotencyKey);
  const skipInbox = o.skipInbox && isUuid(eventId) ? o.skipInbox(eventId) : undefined;
  return receiveOnce(db, { source: PROVIDER_SOURCE, messageId, type: callback.type }, (tx) => applyProviderResult(tx, callback, o), { skipInbox });
}
