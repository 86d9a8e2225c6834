// An idle dispatcher hears of a committed event from the database, on its own LISTEN session,
// instead of finding it at its next poll: here the poll is an hour away, so only the notification
// can deliver the order in time.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { ORDER_PLACED } from "../fulfilment/order-placed.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { placeOrders, startTestSandbox, testDispatcher } from "../tooling/testing/delivery.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { wakeOnNotify } from "./wake-on-notify.ts";

const testDb = openTestPrisma();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`not ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("an order saved while the dispatcher sleeps is delivered at its commit, not at the next poll", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const dispatcher = testDispatcher(db, sandbox, { pollIntervalMs: 60 * 60_000 }, { wakeUps: wakeOnNotify(testDb.database.url) });
  dispatcher.start();
  try {
    // Its first round found nothing and reported in: it now sleeps for the hour.
    await waitFor("reported in", async () => (await db.outboxDispatcher.count({ where: { id: dispatcher.id } })) === 1);
    for (let round = 0; round < 3; round++) {
      const [order] = await placeOrders(db, owner, 1);
      await waitFor(
        `order ${round} acknowledged`,
        async () => (await db.outboxEvent.findFirstOrThrow({ where: { aggregateId: order, topic: ORDER_PLACED } })).status === "acknowledged",
      );
    }
  } finally {
    await dispatcher.stop();
  }
});

test("the wake-up source listens again after its connection is killed", async () => {
  const db = testDb.prisma;
  let wakes = 0;
  const stop = wakeOnNotify(testDb.database.url, { reconnectMs: 50, log: () => {} })(() => wakes++);
  try {
    const listener = async () =>
      (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox_event'`).map(
        (r) => r.pid,
      );
    await waitFor("listening", async () => wakes === 1); // it looks once as soon as it listens
    const [first] = await listener();
    await db.$executeRaw`SELECT pg_terminate_backend(${first}::int)`;
    await waitFor("listening again", async () => wakes === 2);
    assert.notDeepEqual(await listener(), [first], "a new session listens");
    await db.$executeRaw`SELECT pg_notify('outbox_event', '')`;
    await waitFor("woken by the notification", async () => wakes === 3);
  } finally {
    await stop();
  }
});

test("an event notifies only when no other is waiting to be sent: busy dispatchers get no notifications", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const listener = new pg.Client({ connectionString: testDb.database.url });
  await listener.connect();
  const heard: string[] = [];
  listener.on("notification", (n) => heard.push(n.payload ?? ""));
  await listener.query("LISTEN outbox_event");
  // Notifications arrive in commit order: once a marker sent after a save has arrived, anything the save sent has too.
  const heardBy = async (marker: string) => {
    await db.$executeRaw`SELECT pg_notify('outbox_event', ${marker})`;
    await waitFor(`marker ${marker}`, async () => heard.includes(marker));
    return heard.splice(0).filter((p) => p !== marker);
  };
  try {
    await db.outboxEvent.deleteMany({ where: { status: "pending" } });
    await placeOrders(db, owner, 1);
    assert.deepEqual(await heardBy("first"), [""], "the first event into an empty outbox notifies");
    await placeOrders(db, owner, 3);
    assert.deepEqual(await heardBy("more"), [], "events behind one still waiting notify no one");
  } finally {
    await listener.end();
  }
});
