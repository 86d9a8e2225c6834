// A dispatcher in a child process, for the test that kills one mid-batch (SIGKILL): argv is the
// database URL, the provider URL, its client id and secret, and the lease in ms.
import { killSwitch } from "../flags/kill-switch.ts";
import { createPrismaClient } from "../db/create-client.ts";
import { deliveryConfig } from "../outbox/config.ts";
import { createDispatcher } from "../outbox/dispatcher.ts";
import { FAST_DELIVERY } from "./delivery.ts";

const [databaseUrl, url, clientId, clientSecret, leaseMs] = process.argv.slice(2);
const db = createPrismaClient(databaseUrl, 4);
const dispatcher = createDispatcher({
  db,
  provider: { url, clientId, clientSecret },
  // A long call timeout: the provider's latency holds each call open until the kill.
  config: deliveryConfig({}, { ...FAST_DELIVERY, leaseMs: Number(leaseMs), requestTimeoutMs: 30_000, batchSize: 25 }),
  killSwitch: killSwitch(db),
});
dispatcher.start();
