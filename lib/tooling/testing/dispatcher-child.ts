// A dispatcher in a process of its own, for the test that kills one mid-batch and for
// bench:outbox's 1 and 3 dispatcher processes. argv: database URL, provider URL, client id, client
// secret, and a JSON object of delivery settings over the defaults (and OUTBOX_* variables).
import { killSwitch } from "../../outbox/kill-switch.ts";
import { createPrismaClient } from "../../db/create-client.ts";
import { fulfilmentTopics } from "../../fulfilment/delivery-topics.ts";
import { deliveryConfig } from "../../settings/delivery.ts";
import { createDispatcher } from "../../outbox/dispatcher.ts";
import { wakeOnNotify } from "../../outbox/wake-on-notify.ts";
import { isEmbeddedUrl } from "../../db/embedded-url.ts";

const [databaseUrl, url, clientId, clientSecret, settings = "{}"] = process.argv.slice(2);
const db = createPrismaClient(databaseUrl, 4);
const wakeUps = isEmbeddedUrl(databaseUrl) ? undefined : wakeOnNotify(databaseUrl);
const config = deliveryConfig(process.env, JSON.parse(settings));
const handlers = fulfilmentTopics(db, { provider: { url, clientId, clientSecret }, requestTimeoutMs: config.requestTimeoutMs });
const dispatcher = createDispatcher({ db, handlers, config, killSwitch: killSwitch(db), wakeUps });
dispatcher.start();
process.once("SIGTERM", () => void dispatcher.stop().finally(() => process.exit(0)));
