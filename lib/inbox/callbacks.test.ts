// The provider's callbacks end to end over real HTTP: the sandbox, in its own process, posts signed
// callbacks to an HTTP server in this process that hands each request to the same function the
// app's route (/api/webhooks/provider) calls. Orders go out through the real outbox dispatcher.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { OPERATION_ACK } from "../fulfilment/operation-ack.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { placeOrders, runUntil, startTestSandbox, statusCounts, testDispatcher } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { webhookRequest } from "../tooling/testing/webhook-request.ts";
import { newSecret } from "../webhooks/signature.ts";
import { handleProviderWebhook } from "../fulfilment/provider-webhook.ts";

const testDb = openTestPrisma();
const secret = newSecret();
// Our own check of an operation's result waits this long after its acknowledgment: at first far
// longer than the test, so that only callbacks can confirm an order; then short, as if an hour passed.
let reconcileAfterMs = 60 * 60_000;
let sandbox: Sandbox;
let receiver: http.Server;
const answered = { ok: 0, refused: 0 };

before(async () => {
  receiver = http.createServer(async (req, res) => {
    try {
      const answer = await handleProviderWebhook(testDb.prisma, await webhookRequest(req), { secrets: [secret], reconcileAfterMs });
      if (answer.status === 200) answered.ok++;
      else answered.refused++;
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
    } catch {
      // As the app's route does: the database did not answer in time (the embedded one, busy, once
      // did so after the test had ended), so say 503 and let the provider send the callback again.
      res.writeHead(503).end();
    }
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const { port } = receiver.address() as { port: number };
  sandbox = await startTestSandbox({}, { callbackUrl: `http://127.0.0.1:${port}/callbacks`, webhookSecret: secret });
});
after(async () => {
  await sandbox?.stop();
  receiver?.close();
});

test("200 orders, callbacks duplicated, reordered, lost and replayed: each confirmed once, repeats counted, replays refused, every result acknowledged", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  await sandbox.faults({ duplicateCallbackRate: 0.5, reorderRate: 0.2, callbackLossRate: 0.1, replayOld: true, seed: 1515 });
  const orders = await placeOrders(db, owner, 200);
  const dispatcher = testDispatcher(db, sandbox, { reconcileAfterMs });
  const later = testDispatcher(db, sandbox);
  try {
    // First the callbacks alone: about 9 in 10 results arrive (1 in 10 is lost, every time it is sent).
    await runUntil([dispatcher], async () => ((await statusCounts(db, owner)).confirmed ?? 0) >= 150, 90_000);
    // Then an hour passes: our own checks fall due and confirm the orders whose result was lost.
    reconcileAfterMs = 100;
    await db.outboxEvent.updateMany({ where: { ownerId: owner, status: "acknowledged" }, data: { nextAttemptAt: new Date() } });
    await runUntil(
      [later],
      async () => (await statusCounts(db, owner)).confirmed === 200 && (await statusCounts(db, owner, OPERATION_ACK)).confirmed === 200,
      90_000,
    );
  } finally {
    await sandbox.faults({ duplicateCallbackRate: 0, reorderRate: 0, callbackLossRate: 0, replayOld: false });
  }

  // One shipment, one confirmation and one acknowledgment per order: no effect twice.
  for (const orderId of orders) assert.equal((await sandbox.shipments(orderId)).count, 1);
  const confirmations = await db.outboxLog.groupBy({
    by: ["eventId"],
    where: { kind: "confirmed", event: { ownerId: owner, topic: "order.placed" } },
    _count: { _all: true },
  });
  assert.equal(confirmations.length, 200);
  assert.ok(
    confirmations.every((c) => c._count._all === 1),
    "no order was confirmed twice",
  );
  assert.equal(await db.order.count({ where: { ownerId: owner, shipmentId: { not: null } } }), 200);

  // The timeline shows each message the provider sent once, however many copies came.
  const shown = await db.outboxLog.count({ where: { kind: "provider", event: { ownerId: owner } } });
  assert.equal(shown, await db.inboxMessage.count({ where: { ownerId: owner } }));

  const stats = (await sandbox.stats()).callbacks;
  const inbox = await db.inboxMessage.aggregate({ where: { ownerId: owner }, _sum: { repeats: true }, _count: { _all: true } });
  const outcomes = await db.inboxMessage.groupBy({ by: ["type", "outcome"], where: { ownerId: owner }, _count: { _all: true } });
  const count = (type: string, outcome: string) => outcomes.find((o) => o.type === type && o.outcome === outcome)?._count._all ?? 0;
  assert.ok(stats.duplicated > 20, `duplicates were sent (${stats.duplicated})`);
  assert.ok(
    (inbox._sum.repeats ?? 0) >= stats.duplicated,
    `each duplicate was counted as a repeat (${inbox._sum.repeats} repeats, ${stats.duplicated} duplicated)`,
  );
  assert.ok(stats.lost > 0, "some callbacks never arrived");
  assert.ok(count("operation.succeeded", "applied") >= 150, "callbacks confirmed most orders");
  assert.ok(count("operation.succeeded", "applied") < 200, "the lost ones were confirmed by our own check");
  assert.ok(count("operation.processing", "outdated") > 0, "a 'processing' that came after the result changed nothing");
  assert.ok(stats.replayedOld > 0 && answered.refused >= stats.replayedOld, "every replay from hours ago was refused");
});
