// A merge tells the fulfilment provider, through the outbox, over real HTTP to the sandbox in its
// own process: its shipments follow the survivor, once, though answers get lost; an undo moves them back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mergeCustomers } from "../customers/merge/merge-customers.ts";
import { undoMerge } from "../customers/merge/undo-merge.ts";
import { saveCustomer } from "../customers/save-customer.ts";
import { CUSTOMER_MERGED, CUSTOMER_UNMERGED } from "../fulfilment/customer-merge-events.ts";
import { newId } from "../ids.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { allConfirmed, NO_FAULTS, placeOrders, runUntil, startTestSandbox, testDispatcher } from "../tooling/testing/delivery.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { customerSchema } from "../validations/customer.ts";

const testDb = openTestPrisma();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

const delivered = async (topic: string, mergeId: string) =>
  (await testDb.prisma.outboxEvent.count({ where: { topic, aggregateId: mergeId, status: "confirmed" } })) === 1;

test("customer.merged reaches the provider once though its answers are lost; its shipments follow the survivor; customer.unmerged moves them back", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const orders = await placeOrders(db, owner, 3);
  const { customerId: merged } = await db.order.findUniqueOrThrow({ where: { id: orders[0] } });
  const survivor = customerSchema.parse(distinctCustomer());
  await saveCustomer(db, owner, survivor);
  const dispatcher = testDispatcher(db, sandbox, { maxAttempts: 30 }, { seed: 7 });
  await runUntil([dispatcher], () => allConfirmed(db, owner, 3));
  for (const id of orders)
    assert.deepEqual(
      (await sandbox.shipments(id)).shipments.map((s) => s.customerId),
      [merged],
    );

  const before = (await sandbox.stats()).requests.customerMerges;
  try {
    const outcome = await mergeCustomers(db, owner, { id: newId(), into: survivor.id, from: [merged] });
    assert.equal(outcome.status, "merged");
    const mergeId = outcome.status === "merged" ? outcome.merge.id : "";
    // The first answer is lost after the provider applied the merge; the retry must change nothing.
    await sandbox.faults({ ...NO_FAULTS, lostAckRate: 1 });
    await dispatcher.tick();
    await sandbox.faults(NO_FAULTS);
    await runUntil([dispatcher], () => delivered(CUSTOMER_MERGED, mergeId));
    assert.equal((await sandbox.stats()).requests.customerMerges - before, 2, "sent twice: the lost answer, then its retry");
    assert.deepEqual(
      (await sandbox.customerMerges()).filter((m) => m.mergeId === mergeId),
      [{ mergeId, into: survivor.id, from: [merged], moved: 3, undone: false }],
      "applied once",
    );
    for (const id of orders)
      assert.deepEqual(
        (await sandbox.shipments(id)).shipments.map((s) => s.customerId),
        [survivor.id],
      );

    assert.equal((await undoMerge(db, owner, mergeId)).status, "undone");
    await runUntil([dispatcher], () => delivered(CUSTOMER_UNMERGED, mergeId));
    assert.equal((await sandbox.customerMerges()).find((m) => m.mergeId === mergeId)?.undone, true);
    for (const id of orders)
      assert.deepEqual(
        (await sandbox.shipments(id)).shipments.map((s) => s.customerId),
        [merged],
      );
    assert.equal(await db.outboxEvent.count({ where: { aggregateId: mergeId } }), 2, "one event for the merge, one for its undo");
  } finally {
    await sandbox.faults(NO_FAULTS);
  }
});
