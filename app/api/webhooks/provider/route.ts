// The fulfilment provider's callbacks (signed, Standard Webhooks). No session: the signature is
// the authentication. lib/fulfilment/provider-webhook.ts does the work.
import { readBodyLimited } from "@/lib/net/read-body-limited.ts";
import { getDb } from "@/lib/db/client.ts";
import { isDatabaseUnavailable } from "@/lib/db/unavailable.ts";
import { handleProviderWebhook } from "@/lib/fulfilment/provider-webhook.ts";
import { refusalThrottle, type RefusalThrottle } from "@/lib/inbox/refusal-throttle.ts";
import { labSkipsInbox } from "@/lib/lab/lab-topic.ts";
import { clientAddress, FORWARDED_FOR } from "@/lib/net/client-address.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";
import { secretsFrom } from "@/lib/webhooks/signature.ts";

const globalForWebhook = globalThis as unknown as { webhookRefusals?: RefusalThrottle };

export async function POST(request: Request): Promise<Response> {
  try {
    const bytes = await readBodyLimited(request);
    const answer = await handleProviderWebhook(
      getDb(),
      { headers: request.headers, body: bytes && Buffer.from(bytes) },
      {
        secrets: secretsFrom(process.env.PROVIDER_WEBHOOK_SECRET),
        reconcileAfterMs: deliveryConfig().reconcileAfterMs,
        skipInbox: labSkipsInbox,
        sender: { address: clientAddress(request.headers.get(FORWARDED_FOR)), throttle: (globalForWebhook.webhookRefusals ??= refusalThrottle()) },
      },
    );
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  } catch (error) {
    // The sender tries again later; nothing was applied (the transaction rolled back).
    if (!isDatabaseUnavailable(error)) console.error("webhook: a callback could not be handled:", error);
    return Response.json({ error: "try again later" }, { status: 503, headers: { "Retry-After": "5" } });
  }
}
