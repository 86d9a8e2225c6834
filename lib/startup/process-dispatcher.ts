// The dispatcher of this process: started by the app server (instrumentation.ts) and by
// `npm run worker`, stopped on shutdown so that its claims are given back promptly.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { killSwitch } from "@/lib/outbox/kill-switch.ts";
import { fulfilmentTopics } from "@/lib/fulfilment/delivery-topics.ts";
import { labTopics } from "@/lib/lab/lab-topic.ts";
import { providerSettings } from "@/lib/fulfilment/provider-settings.ts";
import { isEmbeddedUrl } from "@/lib/db/embedded-url.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";
import { createDispatcher, type Dispatcher } from "@/lib/outbox/dispatcher.ts";
import { wakeOnNotify } from "@/lib/outbox/wake-on-notify.ts";

const globalForDispatcher = globalThis as unknown as { outboxDispatcher?: Dispatcher };

/** Starts one dispatcher per process, when a provider is configured; OUTBOX_DISPATCHER=off opts out. */
export function startProcessDispatcher(db: PrismaClient, env: Record<string, string | undefined> = process.env): Dispatcher | null {
  if (globalForDispatcher.outboxDispatcher) return globalForDispatcher.outboxDispatcher;
  if (env.OUTBOX_DISPATCHER === "off") return null;
  const provider = providerSettings(env);
  if (!provider) {
    console.warn("outbox: no PROVIDER_URL, so orders' events wait in the outbox until a dispatcher with a provider runs");
    return null;
  }
  // The embedded database serves every connection from one session: no session of its own to LISTEN on.
  const url = env.DATABASE_URL;
  const wakeUps = url && !isEmbeddedUrl(url) ? wakeOnNotify(url) : undefined;
  const config = deliveryConfig(env);
  const connection = { provider, requestTimeoutMs: config.requestTimeoutMs };
  const handlers = { ...fulfilmentTopics(db, connection), ...labTopics(db, connection) };
  const dispatcher = createDispatcher({ db, handlers, config, killSwitch: killSwitch(db), wakeUps });
  dispatcher.start();
  globalForDispatcher.outboxDispatcher = dispatcher;
  console.log(`outbox: dispatching to ${provider.url} as ${dispatcher.id}`);
  return dispatcher;
}

export async function stopProcessDispatcher(): Promise<void> {
  await globalForDispatcher.outboxDispatcher?.stop();
  globalForDispatcher.outboxDispatcher = undefined;
}
