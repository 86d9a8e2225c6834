// The Lab's records are test data: they stay out of everything real (lists, the API, the home
// page's counts, duplicate detection, merges, new orders), and "Clear Lab data" removes them and
// nothing else. Each test counts rows in the database.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listCustomerResources } from "../api/customers.ts";
import { customerListQuery, orderListQuery } from "../api/schemas.ts";
import { orderPage } from "../api/orders.ts";
import { saveCustomer } from "../customers/save-customer.ts";
import { listCustomers, customerChoices } from "../customers/queries.ts";
import { exactDuplicateGroups } from "../customers/merge/exact-duplicates.ts";
import { lockCustomers } from "../customers/merge/merge-customers.ts";
import { homeSummary } from "../home/home-summary.ts";
import { newId } from "../ids.ts";
import { backfillMatchKeys } from "../matching/match-keys.ts";
import { findDuplicateGroups } from "../matching/find-duplicate-groups.ts";
import { suggestCustomerMatches } from "../matching/find-customer-matches.ts";
import { matchingSession } from "../matching/session.ts";
import { listOrders } from "../orders/queries.ts";
import { saveOrder } from "../orders/save-order.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { clearLabData, countLabData } from "./clear-lab-data.ts";
import { labCustomerId, placeLabOrder } from "./integration.ts";
import { LAB_DEFAULTS } from "./settings.ts";

const testDb = openTestPrisma();

/** A user with one real customer and order, and two Lab orders (outbox on, as by default). */
async function userWithLabOrders() {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const real = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "grace@navy.example", phone: "", company: "" });
  assert.equal((await saveCustomer(db, owner, real)).status, "created");
  const realOrder = orderSchema.parse({ id: newId(), customerId: real.id, description: "COBOL manuals", amount: "12.50", currency: "EUR" });
  assert.equal((await saveOrder(db, owner, realOrder)).status, "created");
  const labOrders = [newId(), newId()];
  for (const id of labOrders) assert.equal((await placeLabOrder(db, owner, { id, description: `Lab ${id.slice(-4)}` }, LAB_DEFAULTS)).status, "placed");
  return { db, owner, real, realOrder, labOrders, labCustomer: await labCustomerId(db, owner) };
}

test("the Lab's customer and orders are marked and left out of the real lists and the API", async () => {
  const { db, owner, real, realOrder, labOrders, labCustomer } = await userWithLabOrders();
  assert.equal((await db.customer.findUniqueOrThrow({ where: { id: labCustomer } })).lab, true);
  assert.equal(await db.customerMatchKey.count({ where: { customerId: labCustomer } }), 0, "no blocking keys: nothing is ever matched with it");

  assert.deepEqual(
    (await listCustomers(db, owner, 1)).rows.map((c) => c.id),
    [real.id],
  );
  assert.deepEqual(
    (await customerChoices(db, owner)).map((c) => c.id),
    [real.id],
    "the order form cannot pick it",
  );
  assert.deepEqual(
    (await listOrders(db, owner, 1)).rows.map((o) => o.id),
    [realOrder.id],
  );
  const lab = await listOrders(db, owner, 1, { lab: true });
  assert.deepEqual(new Set(lab.rows.map((o) => o.id)), new Set(labOrders));
  assert.equal(lab.total, 2);

  const apiCustomers = await listCustomerResources(db, owner, customerListQuery.parse({}));
  assert.deepEqual(
    (apiCustomers.body as { data: Array<{ id: string }> }).data.map((c) => c.id),
    [real.id],
  );
  assert.deepEqual(
    (await orderPage(db, owner, orderListQuery.parse({}))).data.map((o) => o.id),
    [realOrder.id],
  );
  // Asked for by its customer's ID (the Lab customer's own page), the Lab's orders are there.
  assert.equal((await orderPage(db, owner, orderListQuery.parse({ customerId: labCustomer }))).data.length, 2);
});

test("no real order can be placed for the Lab's customer, and it cannot be merged", async () => {
  const { db, owner, real, labCustomer } = await userWithLabOrders();
  const order = orderSchema.parse({ id: newId(), customerId: labCustomer, description: "Real order", amount: "1.00", currency: "EUR" });
  assert.equal((await saveOrder(db, owner, order)).status, "unknown-customer");
  const locked = await db.$transaction((tx) => lockCustomers(tx, owner, [real.id, labCustomer]));
  assert.deepEqual(
    locked.map((c) => c.id),
    [real.id],
  );
  assert.equal(await db.order.count({ where: { customerId: labCustomer } }), 2);
});

test("duplicate detection never pairs a real customer with the Lab's, even one saved with its very name", async () => {
  const { db, owner, labCustomer } = await userWithLabOrders();
  const lookalike = customerSchema.parse({ id: newId(), name: "Duplicate Lab customer", email: "", phone: "", company: "Integration Lab" });
  assert.equal((await saveCustomer(db, owner, lookalike)).status, "created", "saved without a question");
  assert.deepEqual(await suggestCustomerMatches(db, owner, lookalike, { excludeId: lookalike.id }), []);
  assert.deepEqual(await matchingSession(db, (tx) => findDuplicateGroups(tx, owner)), []);
  assert.deepEqual(await exactDuplicateGroups(db, owner, 10), []);
  await backfillMatchKeys(db);
  assert.equal(await db.customerMatchKey.count({ where: { customerId: labCustomer } }), 0, "the start-up backfill leaves it without keys");
});

test("the home page neither counts Lab data as a first customer nor its failed deliveries as waiting for a person", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const labOrder = newId();
  await placeLabOrder(db, owner, { id: labOrder, description: "Refused on purpose" }, LAB_DEFAULTS);
  await db.outboxEvent.updateMany({ where: { ownerId: owner, aggregateId: labOrder }, data: { status: "failed", lastError: "incompatible" } });
  const summary = await homeSummary(db, owner);
  assert.equal(summary.newcomer, true);
  assert.equal(summary.integration.failedCount, 0);

  const { realOrder } = await (async () => {
    const real = customerSchema.parse({ id: newId(), name: "Alan Turing", email: "", phone: "", company: "" });
    await saveCustomer(db, owner, real);
    const realOrder = orderSchema.parse({ id: newId(), customerId: real.id, description: "Bombe parts", amount: "3.00", currency: "GBP" });
    await saveOrder(db, owner, realOrder);
    return { realOrder };
  })();
  await db.outboxEvent.updateMany({ where: { ownerId: owner, aggregateId: realOrder.id }, data: { status: "failed", lastError: "incompatible" } });
  const after = await homeSummary(db, owner);
  assert.equal(after.newcomer, false);
  assert.equal(after.integration.failedCount, 1, "the real order's failure, not the Lab's");
});

test("Clear Lab data removes the Lab's orders, their deliveries and tickets, and nothing real", async () => {
  const { db, owner, real, realOrder, labOrders } = await userWithLabOrders();
  await db.ticket.create({ data: { id: newId(), ownerId: owner, title: "Printer jam", details: "", titleNormalized: "printer jam" } });
  const other = await userWithLabOrders();
  assert.deepEqual(await countLabData(db, owner), { orders: 2, tickets: 1 });
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: { in: labOrders } } }), 2);

  assert.deepEqual(await clearLabData(db, owner), { orders: 2, tickets: 1 });
  assert.deepEqual(await countLabData(db, owner), { orders: 0, tickets: 0 });
  assert.equal(await db.order.count({ where: { id: { in: labOrders } } }), 0);
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: { in: labOrders } } }), 0);
  assert.equal(await db.customer.count({ where: { id: real.id } }), 1);
  assert.equal(await db.order.count({ where: { id: realOrder.id } }), 1);
  assert.equal(await db.outboxEvent.count({ where: { aggregateId: realOrder.id } }), 1, "the real order's delivery stays");
  assert.deepEqual(await countLabData(db, other.owner), { orders: 2, tickets: 0 }, "another user's Lab data stays");
  assert.deepEqual(await clearLabData(db, owner), { orders: 0, tickets: 0 }, "clearing twice is harmless");
});
