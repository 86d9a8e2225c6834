import assert from "node:assert/strict";
import { test } from "node:test";
import { saveCustomer } from "../customers/save-customer.ts";
import { newId } from "../ids.ts";
import { orderCandidates } from "../matching/find-order-matches.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { saveOrder } from "./save-order.ts";

const testDb = openTestPrisma();

async function ownerWithCustomer() {
  const owner = await seedOwner(testDb.prisma);
  const customer = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "", phone: "", company: "" });
  await saveCustomer(testDb.prisma, owner, customer);
  return { owner, customerId: customer.id };
}
const order = (customerId: string, amount = "42.50") => orderSchema.parse({ id: newId(), customerId, description: "Compiler manual", amount, currency: "USD" });

test("the four outcomes, keyed by the browser's ID", async () => {
  const { owner, customerId } = await ownerWithCustomer();
  const other = await seedOwner(testDb.prisma);
  const o = order(customerId);
  assert.deepEqual(await saveOrder(testDb.prisma, owner, o), { status: "created", id: o.id, matchCheck: "ok" });
  assert.deepEqual(await saveOrder(testDb.prisma, owner, o), { status: "replay", id: o.id });
  assert.deepEqual(await saveOrder(testDb.prisma, owner, { ...o, amount: 9999 }), { status: "conflict", id: o.id });
  const row = await testDb.prisma.order.findUniqueOrThrow({ where: { id: o.id } });
  assert.equal(row.amountMinor, 4250, "never overwritten");
  // Bob cannot use Alice's customer, nor learn that the order ID exists.
  assert.deepEqual(await saveOrder(testDb.prisma, other, o), { status: "unknown-customer" });
  assert.equal(await testDb.prisma.order.count({ where: { ownerId: owner } }), 1);
});

test("the same order ID from another user with their own customer is foreign", async () => {
  const alice = await ownerWithCustomer();
  const bob = await ownerWithCustomer();
  const o = order(alice.customerId);
  await saveOrder(testDb.prisma, alice.owner, o);
  assert.deepEqual(await saveOrder(testDb.prisma, bob.owner, { ...o, customerId: bob.customerId }), { status: "foreign" });
  assert.equal(await testDb.prisma.order.count({ where: { ownerId: bob.owner } }), 0);
});

test("concurrent placements of one order make one row", async () => {
  const { owner, customerId } = await ownerWithCustomer();
  const o = order(customerId);
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => saveOrder(testDb.prisma, owner, o)));
  assert.equal(outcomes.filter((x) => x.status === "created").length, 1);
  assert.equal(outcomes.filter((x) => x.status === "replay").length, 19);
  assert.equal(await testDb.prisma.order.count({ where: { id: o.id } }), 1);
});

test("a likely repeat asks first (same amount within a day, or a like description within minutes); only such orders are read as candidates", async () => {
  const db = testDb.prisma;
  const { owner, customerId } = await ownerWithCustomer();
  const place = (description: string, amount: string) =>
    saveOrder(db, owner, orderSchema.parse({ id: newId(), customerId, description, amount, currency: "USD" }));
  const others =
    "brass gears|oak desk|ink well|slide rule|loom cards|globe|sextant|lantern|quill set|abacus|telegraph key|barometer|chronometer|atlas|bellows|anvil|kettle|compass|microscope|typewriter";
  for (const [i, item] of others.split("|").entries()) assert.equal((await place(item, `${100 + i}.00`)).status, "created", item);
  assert.equal((await place("Compiler manual, second edition", "42.50")).status, "created");

  const sameAmount = await place("Something else entirely", "42.50");
  assert.equal(sameAmount.status, "possible-duplicate");
  const likeDescription = await place("Compiler manual, second edition!", "7.00");
  assert.equal(likeDescription.status, "possible-duplicate");
  assert.equal((await place("Punched tape reader", "8.00")).status, "created");

  // The candidates the save reads: the one matching order, not the customer's twenty others.
  const rows = await db.$queryRaw<unknown[]>(
    orderCandidates(owner, { customerId, description: "Nothing like the others", amountMinor: 4250, currency: "USD" }),
  );
  assert.equal(rows.length, 1);
});
