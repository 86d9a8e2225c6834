import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveCustomer } from "../customers/save-customer.ts";
import { createPrismaClient } from "../db/create-client.ts";
import { newId } from "../ids.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { seedOwner } from "../testing/seed.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { saveOrder } from "./save-order.ts";

let db: TestDatabase;
let prisma: PrismaClient;
before(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url, 10);
});
after(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

async function ownerWithCustomer() {
  const owner = await seedOwner(prisma);
  const customer = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "", phone: "", company: "" });
  await saveCustomer(prisma, owner, customer);
  return { owner, customerId: customer.id };
}
const order = (customerId: string, amount = "42.50") =>
  orderSchema.parse({ id: newId(), customerId, description: "Compiler manual", amount, currency: "USD" });

test("the four outcomes, keyed by the browser's ID", async () => {
  const { owner, customerId } = await ownerWithCustomer();
  const other = await seedOwner(prisma);
  const o = order(customerId);
  assert.deepEqual(await saveOrder(prisma, owner, o), { status: "created", id: o.id });
  assert.deepEqual(await saveOrder(prisma, owner, o), { status: "replay", id: o.id });
  assert.deepEqual(await saveOrder(prisma, owner, { ...o, amount: 9999 }), { status: "conflict", id: o.id });
  const row = await prisma.order.findUniqueOrThrow({ where: { id: o.id } });
  assert.equal(row.amountMinor, 4250, "never overwritten");
  // Bob cannot use Alice's customer, nor learn that the order ID exists.
  assert.deepEqual(await saveOrder(prisma, other, o), { status: "unknown-customer" });
  assert.equal(await prisma.order.count({ where: { ownerId: owner } }), 1);
});

test("the same order ID from another user with their own customer is foreign", async () => {
  const alice = await ownerWithCustomer();
  const bob = await ownerWithCustomer();
  const o = order(alice.customerId);
  await saveOrder(prisma, alice.owner, o);
  assert.deepEqual(await saveOrder(prisma, bob.owner, { ...o, customerId: bob.customerId }), { status: "foreign" });
  assert.equal(await prisma.order.count({ where: { ownerId: bob.owner } }), 0);
});

test("50 concurrent placements of one order make one row", async () => {
  const { owner, customerId } = await ownerWithCustomer();
  const o = order(customerId);
  const outcomes = await Promise.all(Array.from({ length: 50 }, () => saveOrder(prisma, owner, o)));
  assert.equal(outcomes.filter((x) => x.status === "created").length, 1);
  assert.equal(outcomes.filter((x) => x.status === "replay").length, 49);
  assert.equal(await prisma.order.count({ where: { id: o.id } }), 1);
});
