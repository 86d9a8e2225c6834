import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { openTestPrisma } from "../testing/test-prisma.ts";
import { seedOwner } from "../testing/seed.ts";
import { customerSchema } from "../validations/customer.ts";
import { saveCustomer } from "./save-customer.ts";

const testDb = openTestPrisma();

const input = (id = newId(), name = "Ada Lovelace") =>
  customerSchema.parse({ id, name, email: "Ada@Example.com ", phone: "+44 20 7946 0958", company: "Analytical Engines" });

test("new: creates the row with normalised copies", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = input(undefined, "  José O'Brien ");
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, customer), { status: "created", id: customer.id });
  const row = await testDb.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
  assert.equal(row.ownerId, owner);
  assert.equal(row.name, "José O'Brien");
  assert.equal(row.nameNormalized, "jose obrien");
  assert.equal(row.emailNormalized, "ada@example.com");
  assert.equal(row.phoneNormalized, "442079460958");
});

test("replay: the same ID and values again creates nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = input();
  await saveCustomer(testDb.prisma, owner, customer);
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, customer), { status: "replay", id: customer.id });
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});

test("conflict: the same ID with other values is refused and overwrites nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = input();
  await saveCustomer(testDb.prisma, owner, customer);
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, { ...customer, name: "Someone Else" }), { status: "conflict", id: customer.id });
  assert.equal((await testDb.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).name, "Ada Lovelace");
});

test("foreign: another user's ID is refused without revealing anything", async () => {
  const [alice, bob] = [await seedOwner(testDb.prisma), await seedOwner(testDb.prisma)];
  const customer = input();
  await saveCustomer(testDb.prisma, alice, customer);
  assert.deepEqual(await saveCustomer(testDb.prisma, bob, customer), { status: "foreign" });
  assert.deepEqual(await saveCustomer(testDb.prisma, bob, { ...customer, name: "Different" }), { status: "foreign" });
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: bob } }), 0);
  assert.equal((await testDb.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).ownerId, alice);
});

test("50 concurrent saves with one ID give one row, and all 50 answers point to it", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = input();
  const outcomes = await Promise.all(Array.from({ length: 50 }, () => saveCustomer(testDb.prisma, owner, customer)));
  assert.equal(await testDb.prisma.customer.count({ where: { id: customer.id } }), 1);
  assert.equal(outcomes.filter((o) => o.status === "created").length, 1);
  assert.equal(outcomes.filter((o) => o.status === "replay").length, 49);
  assert.ok(outcomes.every((o) => "id" in o && o.id === customer.id));
});

test("50 concurrent saves with different IDs give 50 rows", async () => {
  const owner = await seedOwner(testDb.prisma);
  const outcomes = await Promise.all(Array.from({ length: 50 }, () => saveCustomer(testDb.prisma, owner, input())));
  assert.ok(outcomes.every((o) => o.status === "created"));
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 50);
});
