// The Integration Lab's "Transactional outbox: off": the provider is called from the request, and
// the demonstration must not hold a database connection while it waits, nor let one user pile up calls.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { LAB_DIRECT_SENDS_PER_USER, placeLabOrder, type DirectSend } from "./integration.ts";
import { LAB_DEFAULTS } from "./settings.ts";

const testDb = openTestPrisma();
const OFF = { ...LAB_DEFAULTS, transactionalOutbox: false };

/** A provider that answers only when told to, and counts what it was sent. */
function heldProvider() {
  const waiting: Array<() => void> = [];
  const sent: string[] = [];
  const send: DirectSend = (key) => {
    sent.push(key);
    return new Promise((resolve) => waiting.push(() => resolve({ operationId: newId() })));
  };
  const arrived = async (n: number) => {
    for (let i = 0; i < 500 && waiting.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(waiting.length, n, `${n} calls reached the provider`);
  };
  return { send, sent, arrived, answerAll: () => waiting.splice(0).forEach((answer) => answer()) };
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);

test("while the provider is slow, the order's request holds no database connection", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const provider = heldProvider();
  const placing = placeLabOrder(db, owner, { id: newId(), description: "Slow provider" }, OFF, provider.send);
  await provider.arrived(1);
  // The embedded test database has a pool of one connection: this waits forever if the order holds it.
  assert.deepEqual(await withTimeout(db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`, 2_000), [{ ok: 1 }]);
  if (testDb.database.kind === "server") {
    const [{ n }] = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    assert.equal(n, 0, "no transaction is left open across the call");
  }
  provider.answerAll();
  assert.equal((await placing).status, "placed");
  assert.equal(await db.order.count({ where: { ownerId: owner } }), 1);
});

test(`one user has at most ${LAB_DIRECT_SENDS_PER_USER} direct sends waiting; another user is not held back by them`, async () => {
  const db = testDb.prisma;
  const [owner, other] = [await seedOwner(db), await seedOwner(db)];
  const provider = heldProvider();
  const first = Array.from({ length: LAB_DIRECT_SENDS_PER_USER }, (_, i) =>
    placeLabOrder(db, owner, { id: newId(), description: `Held ${i}` }, OFF, provider.send),
  );
  await provider.arrived(LAB_DIRECT_SENDS_PER_USER);
  const refused = await placeLabOrder(db, owner, { id: newId(), description: "One too many" }, OFF, provider.send);
  assert.equal(refused.status, "busy");
  const others = placeLabOrder(db, other, { id: newId(), description: "Someone else's" }, OFF, provider.send);
  await provider.arrived(LAB_DIRECT_SENDS_PER_USER + 1);
  provider.answerAll();
  assert.deepEqual(
    (await Promise.all(first)).map((o) => o.status),
    Array(LAB_DIRECT_SENDS_PER_USER).fill("placed"),
  );
  assert.equal((await others).status, "placed");
  assert.equal(provider.sent.length, LAB_DIRECT_SENDS_PER_USER + 1, "the refused one never reached the provider");
  const again = placeLabOrder(db, owner, { id: newId(), description: "After the answers" }, OFF, provider.send);
  await provider.arrived(1);
  provider.answerAll();
  assert.equal((await again).status, "placed", "the allowance comes back once the calls are answered");
  assert.equal(await db.order.count({ where: { ownerId: owner } }), LAB_DIRECT_SENDS_PER_USER + 1);
});

test("the failures it demonstrates: sent then not saved, or sent with the answer lost and not saved", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const provider = heldProvider();
  const failing = placeLabOrder(db, owner, { id: newId(), description: "Save fails" }, { ...OFF, failSaveAfterSending: true }, provider.send);
  await provider.arrived(1);
  provider.answerAll();
  assert.deepEqual(await failing, { status: "save-failed", orderId: (await failing).orderId, sentFirst: true });
  const lost = await placeLabOrder(db, owner, { id: newId(), description: "Answer lost" }, OFF, () => Promise.reject(new Error("socket hang up")));
  assert.equal(lost.status, "send-failed");
  assert.equal(await db.order.count({ where: { ownerId: owner } }), 0, "the provider was told, the app saved nothing");
  const id = newId();
  const viaOutbox = await placeLabOrder(db, owner, { id, description: "With the outbox" }, LAB_DEFAULTS, () => Promise.reject(new Error("never called")));
  assert.equal(viaOutbox.status, "placed");
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: id } }), 1);
  assert.equal((await placeLabOrder(db, owner, { id, description: "With the outbox" }, OFF, provider.send)).status, "already-placed");
  assert.equal(provider.sent.length, 1, "a form already saved is not sent again");
});
