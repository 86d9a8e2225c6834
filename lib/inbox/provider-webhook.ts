// POST /api/webhooks/provider, without the HTTP: the raw body and headers in, a status and body
// out. Nothing is parsed, looked up or written before the signature holds (apart from counting the
// refusal), and a refusal says only "invalid signature" or "stale timestamp".
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { verify } from "@/lib/webhooks/signature.ts";
import type { RefusalThrottle } from "./refusal-throttle.ts";
import { PROVIDER_SOURCE, providerCallbackSchema } from "./provider-callback.ts";
import { receiveProviderCallback, recordRejection, type Receipt } from "./receive.ts";

export interface WebhookAnswer {
  status: number;
  body: { received: true; repeat: boolean } | { error: string };
  headers?: Record<string, string>;
}

export async function handleProviderWebhook(
  db: PrismaClient,
  request: { headers: Headers; body: Buffer | null },
  o: {
    secrets: string[];
    reconcileAfterMs: number;
    now?: number;
    /** How the verified callback is received: the inbox (bench:inbox compares it with the effect alone). */
    receive?: typeof receiveProviderCallback;
    /** False only from the Integration Lab's "Signature check" switch: never from a request. */
    checkSignature?: boolean;
    /** The sender's address and the throttle its refusals count against (the HTTP route's). */
    sender?: { address: string; throttle: RefusalThrottle };
  },
): Promise<WebhookAnswer & { receipt?: Receipt }> {
  const check = o.checkSignature ?? true;
  if (check && o.secrets.length === 0) return { status: 503, body: { error: "callbacks are not configured" } };
  const wait = o.sender && (await o.sender.throttle.retryAfter(o.sender.address));
  if (wait) return { status: 429, body: { error: "too many refused callbacks" }, headers: { "Retry-After": String(wait) } };
  const refuse = async (status: number, reason: string): Promise<WebhookAnswer> => {
    await o.sender?.throttle.refused(o.sender.address);
    // Counting must not turn a refusal into an error: the sender learns the same either way.
    await recordRejection(db, PROVIDER_SOURCE, reason).catch((error) => console.error("inbox: could not count a refused callback:", error));
    return { status, body: { error: reason } };
  };
  if (request.body === null) return refuse(413, "too large");
  const headers = { id: request.headers.get("webhook-id"), timestamp: request.headers.get("webhook-timestamp"), signature: request.headers.get("webhook-signature") };
  const rejection = check ? verify(o.secrets, headers, request.body, o.now) : null;
  if (rejection) return refuse(401, rejection);
  if (!headers.id || headers.id.length > 200) return refuse(400, "malformed");

  let parsed;
  try {
    parsed = providerCallbackSchema.safeParse(JSON.parse(request.body.toString("utf8")));
  } catch {
    return refuse(400, "malformed");
  }
  if (!parsed.success) return refuse(400, "malformed");
  const receipt = await (o.receive ?? receiveProviderCallback)(db, headers.id, parsed.data, o);
  // A repeat gets 200 too: the provider must stop re-sending it.
  return { status: 200, body: { received: true, repeat: receipt === "repeat" }, receipt };
}
