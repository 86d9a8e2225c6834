// Whose events a dispatcher takes: paused workspaces never crowd out the rest, owners are taken by
// how long they have waited, one owner's events never hold back another's, and time spent paused
// does not use up an event's retries.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FULFILMENT_SWITCH, setSwitch } from "./kill-switch.ts";
import { newId } from "../ids.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { placeOrders, startTestSandbox, testDispatcher } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";
import { nextStep } from "./retry-policy.ts";
import { claimDue, ownersWithDueEvents } from "./store.ts";

const testDb = openTestPrisma();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

/** `count` workspaces, each paused with one event waiting since an hour ago. */
async function pausedWorkspacesWithWork(count: number, aggregateId?: string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const db = testDb.prisma;
  await db.$executeRaw`INSERT INTO "User" (id, email, "passwordHash") SELECT id, 'paused-' || id || '@example.com', 'unused' FROM unnest(${ids}::uuid[]) AS id`;
  await db.$executeRaw`INSERT INTO "FeatureFlag" (key, scope, enabled) SELECT ${FULFILMENT_SWITCH}, id, false FROM unnest(${ids}::text[]) AS id`;
  await db.$executeRaw`
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload, "nextAttemptAt", "retryFrom", "createdAt")
    SELECT gen_random_uuid(), id, 'order.placed', COALESCE(${aggregateId ?? null}::uuid, gen_random_uuid()), '{}'::jsonb, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour'
      FROM unnest(${ids}::uuid[]) AS id`;
  return ids;
}

test("1,200 paused workspaces with waiting deliveries do not hold up a new workspace's order", async () => {
  const db = testDb.prisma;
  await pausedWorkspacesWithWork(1_200);
  const owner = await seedOwner(db);
  const [orderId] = await placeOrders(db, owner, 1);
  const dispatcher = testDispatcher(db, sandbox);
  assert.equal(await dispatcher.tick(), 1, "the first round takes the one deliverable event");
  const event = await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderId } });
  assert.equal(event.attempts, 1);
  assert.notEqual(event.status, "pending");
  assert.equal(await db.outboxEvent.count({ where: { status: "pending", attempts: { gt: 0 } } }), 0, "no paused workspace's event was touched");
});

test("owners come longest-waiting first, a page at a time, paused ones never", async () => {
  const db = testDb.prisma;
  const paused = await pausedWorkspacesWithWork(3);
  const owners = [await seedOwner(db), await seedOwner(db), await seedOwner(db)];
  for (const [i, owner] of owners.entries()) {
    await db.$executeRaw`
      INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload, "nextAttemptAt")
      VALUES (${newId()}::uuid, ${owner}::uuid, 'order.placed', ${newId()}::uuid, '{}'::jsonb, now() - ${(3 - i) * 10_000} * interval '1 millisecond')`;
  }
  const seen: string[] = [];
  let page = await ownersWithDueEvents(db, { switchKey: FULFILMENT_SWITCH, pageSize: 1 });
  while (page.length > 0) {
    seen.push(page[0].ownerId);
    page = await ownersWithDueEvents(db, { switchKey: FULFILMENT_SWITCH, pageSize: 1, after: page[0] });
  }
  const mine = seen.filter((id) => owners.includes(id));
  assert.deepEqual(mine, owners, "in the order their oldest event fell due");
  assert.equal(seen.filter((id) => paused.includes(id)).length, 0);
  assert.equal(new Set(seen).size, seen.length, "no owner twice across pages");
});

test("an earlier event of another owner with the same aggregate ID does not hold an event back", async () => {
  const db = testDb.prisma;
  const aggregateId = newId();
  await pausedWorkspacesWithWork(1, aggregateId);
  const owner = await seedOwner(db);
  const eventId = newId();
  await db.$executeRaw`INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload) VALUES (${eventId}::uuid, ${owner}::uuid, 'order.placed', ${aggregateId}::uuid, '{}'::jsonb)`;
  const claimed = await claimDue(db, { claim: newId(), ownerIds: [owner], limit: 10, leaseMs: 1_000 });
  assert.deepEqual(
    claimed.map((e) => e.id),
    [eventId],
  );
});

test("a workspace paused for 30 hours: its events' retry window does not count the pause", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const hours = (h: number) => new Date(Date.now() - h * 3_600_000);
  const [before, during] = [newId(), newId()];
  // One event queued 31 h ago, an hour before the pause; one queued during the pause, 2 h ago.
  await db.$executeRaw`
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload, "retryFrom", "createdAt")
    VALUES (${before}::uuid, ${owner}::uuid, 'order.placed', ${newId()}::uuid, '{}'::jsonb, ${hours(31)}, ${hours(31)}),
           (${during}::uuid, ${owner}::uuid, 'order.placed', ${newId()}::uuid, '{}'::jsonb, ${hours(2)}, ${hours(2)})`;
  await db.featureFlag.create({ data: { key: FULFILMENT_SWITCH, scope: owner, enabled: false } });
  await db.featureFlagChange.create({ data: { key: FULFILMENT_SWITCH, scope: owner, enabled: false, changedBy: "test", changedAt: hours(30) } });
  await setSwitch(db, { scope: owner, enabled: true, changedBy: "test" });

  const config = deliveryConfig({}, {});
  assert.ok(config.maxAgeMs < 30 * 3_600_000, "the pause is longer than the retry window");
  const transient = { message: "503", retryable: true };
  for (const id of [before, during]) {
    const event = await db.outboxEvent.findUniqueOrThrow({ where: { id } });
    assert.equal(
      nextStep({ attempts: 1, retryFrom: event.retryFrom }, transient, new Date(), config).kind,
      "retry",
      `${id === before ? "the older" : "the newer"} event is retried`,
    );
  }
  const older = await db.outboxEvent.findUniqueOrThrow({ where: { id: before } });
  const waitedOutsidePause = Date.now() - older.retryFrom.getTime();
  assert.ok(Math.abs(waitedOutsidePause - 3_600_000) < 60_000, `the older event has used about the hour before the pause (${waitedOutsidePause} ms)`);
});
