// Needs a real PostgreSQL server (TEST_DATABASE_URL): an order saved by another session while a
// merge of its customer is open. The embedded database runs one transaction at a time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../../ids.ts";
import { saveOrder } from "../../orders/save-order.ts";
import { distinctCustomer, seedOwner } from "../../tooling/testing/seed.ts";
import { openTestPrisma } from "../../tooling/testing/test-prisma.ts";
import { customerSchema } from "../../validations/customer.ts";
import { saveCustomer } from "../save-customer.ts";
import { mergeWithin } from "./merge-customers.ts";

const testDb = openTestPrisma();

/** Until another session waits for a row lock in an INSERT INTO "Order": no sleeping on a guess. */
async function orderWaitsForALock() {
  for (;;) {
    const [{ n }] = await testDb.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "Order"%'`;
    if (n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("an order placed for a customer while it is being merged lands on the survivor", async () => {
  const owner = await seedOwner(testDb.prisma);
  const [survivor, merged] = [customerSchema.parse(distinctCustomer()), customerSchema.parse(distinctCustomer())];
  await saveCustomer(testDb.prisma, owner, survivor);
  await saveCustomer(testDb.prisma, owner, merged);

  let placing: ReturnType<typeof saveOrder> | undefined;
  const orderId = newId();
  await testDb.prisma.$transaction(
    async (tx) => {
      assert.equal((await mergeWithin(tx, owner, { id: newId(), into: survivor.id, from: [merged.id] })).status, "merged");
      // The merge holds the merged customer's row; the order, begun now, must wait for it.
      placing = saveOrder(testDb.prisma, owner, { id: orderId, customerId: merged.id, description: "Placed mid-merge", amount: 999, currency: "EUR" });
      await orderWaitsForALock();
    },
    { timeout: 20_000 },
  );
  assert.equal((await placing)?.status, "created");
  const order = await testDb.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  assert.equal(order.customerId, survivor.id, "not on the tombstone");
  assert.equal(await testDb.prisma.order.count({ where: { customerId: merged.id } }), 0);
});
