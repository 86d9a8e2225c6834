import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { customerSchema } from "../validations/customer.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { firstCopiesRunning } from "../save-once/after-first-copy.ts";
import { SAVE_TRANSACTION, saveWithin } from "../save-once/save-once.ts";
import { customerSaveOptions, saveCustomer } from "./save-customer.ts";

const testDb = openTestPrisma();
const input = (id = newId()) => customerSchema.parse(distinctCustomer(id));

test("new: creates the row with normalised copies", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = customerSchema.parse({
    id: newId(),
    name: "  José O'Brien ",
    email: "Ada@Example.com ",
    phone: "+44 20 7946 0958",
    company: "Analytical Engines Ltd.",
  });
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, customer), { status: "created", id: customer.id, matchCheck: "ok" });
  const row = await testDb.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
  assert.equal(row.ownerId, owner);
  assert.equal(row.name, "José O'Brien");
  assert.equal(row.nameNormalized, "jose obrien");
  assert.equal(row.emailNormalized, "ada@example.com");
  assert.equal(row.phoneNormalized, "442079460958");
  assert.equal(row.companyNormalized, "analytical engines");
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
  assert.equal((await testDb.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).name, customer.name);
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
  const { db, counts } = countingStatements();
  const outcomes = await Promise.all(Array.from({ length: 50 }, () => saveCustomer(db, owner, customer)));
  assert.equal(await testDb.prisma.customer.count({ where: { id: customer.id } }), 1);
  assert.equal(outcomes.filter((o) => o.status === "created").length, 1);
  assert.equal(outcomes.filter((o) => o.status === "replay").length, 49);
  assert.ok(outcomes.every((o) => "id" in o && o.id === customer.id));
  assert.deepEqual(
    counts,
    { outside: 1 + 49, transactions: [] },
    "the first saved in one statement; the 49 copies waited for it in this process and then only read",
  );
  assert.equal(firstCopiesRunning(), 0);
});

test("50 copies of one ID saved as 50 server processes would, each in its own transaction, give one row", async () => {
  // No waiting in the process here: the database's record lock and ON CONFLICT are the guarantee.
  const owner = await seedOwner(testDb.prisma);
  const customer = input();
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, () => testDb.prisma.$transaction((tx) => saveWithin(tx, customerSaveOptions(owner, customer)), SAVE_TRANSACTION)),
  );
  assert.equal(await testDb.prisma.customer.count({ where: { id: customer.id } }), 1);
  assert.equal(outcomes.filter((o) => o.status === "created").length, 1);
  assert.equal(outcomes.filter((o) => o.status === "replay").length, 49);
});

test("50 concurrent saves of different customers give 50 rows", async () => {
  const owner = await seedOwner(testDb.prisma);
  const outcomes = await Promise.all(Array.from({ length: 50 }, () => saveCustomer(testDb.prisma, owner, input())));
  assert.deepEqual(
    outcomes.map((o) => o.status),
    Array(50).fill("created"),
  );
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 50);
});

test("an address is saved with the customer, is part of what a replay must repeat, and finds a renamed duplicate", async () => {
  const owner = await seedOwner(testDb.prisma);
  const home = { street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "gb" };
  const ada = customerSchema.parse({ id: newId(), name: "Ada Lovelace", email: "", phone: "", company: "", ...home });
  assert.equal((await saveCustomer(testDb.prisma, owner, ada)).status, "created");
  const row = await testDb.prisma.customer.findUniqueOrThrow({ where: { id: ada.id } });
  assert.deepEqual([row.street, row.postcode, row.city, row.country], ["12 St James's Square", "SW1Y 4JH", "London", "GB"]);
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, { ...ada, city: "Londres" }), { status: "conflict", id: ada.id });

  // Married since, and typed again without her email: the same house is what links the two.
  const king = customerSchema.parse({ id: newId(), name: "Ada King", email: "", phone: "", company: "", ...home, street: "12 St. James Sq" });
  const asked = await saveCustomer(testDb.prisma, owner, king);
  assert.equal(asked.status, "possible-duplicate");
  assert.deepEqual(asked.status === "possible-duplicate" && asked.matches.map((m) => [m.id, m.reasons.includes("same address")]), [[ada.id, true]]);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});

/**
 * A client that counts the statements it sends (raw or model calls: one round trip each), outside and
 * inside each transaction; `before` runs ahead of each statement sent outside a transaction.
 */
function countingStatements(before?: (statement: number) => Promise<void>) {
  const counts = { outside: 0, transactions: [] as number[] };
  const counting = <T extends object>(target: T, count: () => number, outside = false): T =>
    new Proxy(target, {
      get(t, p) {
        const v = Reflect.get(t, p) as unknown;
        if (p === "$transaction") {
          return (fn: (tx: unknown) => Promise<unknown>, options?: object) => {
            const i = counts.transactions.push(0) - 1;
            return testDb.prisma.$transaction((tx) => fn(counting(tx, () => ++counts.transactions[i])), options);
          };
        }
        if (typeof v === "function") {
          return async (...args: unknown[]) => {
            const n = count();
            if (outside) await before?.(n);
            return (v as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        // A model delegate (tx.customer…): each of its calls is a statement too.
        if (v && typeof v === "object" && typeof p === "string" && !p.startsWith("$")) return counting(v as object, count, outside);
        return v;
      },
    });
  return { db: counting(testDb.prisma, () => ++counts.outside, true) as PrismaClient, counts };
}

test("a new customer unlike any other is saved in one statement; a possible duplicate costs one, Save anyway two with its decision", async () => {
  const owner = await seedOwner(testDb.prisma);
  const { db, counts } = countingStatements();
  const grace = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "grace@navy.mil", phone: "", company: "" });
  assert.equal((await saveCustomer(db, owner, grace)).status, "created");
  assert.deepEqual(counts, { outside: 1, transactions: [] });
  assert.ok((await testDb.prisma.customerMatchKey.count({ where: { customerId: grace.id } })) > 0, "its keys were written with it");
  const again = customerSchema.parse({ id: newId(), name: "Grace  Hopper", email: "", phone: "", company: "" });
  assert.equal((await saveCustomer(db, owner, again)).status, "possible-duplicate");
  assert.deepEqual(counts, { outside: 2, transactions: [] });
  assert.deepEqual(await saveCustomer(db, owner, again, { confirmedMatchIds: [grace.id] }), { status: "created", id: again.id, matchCheck: "ok" });
  assert.deepEqual(counts, { outside: 4, transactions: [] });
  assert.deepEqual(await testDb.prisma.customerDuplicateDecision.findMany({ where: { customerId: again.id }, select: { matchId: true, decidedById: true } }), [
    { matchId: grace.id, decidedById: owner },
  ]);
  assert.ok((await testDb.prisma.customerMatchKey.count({ where: { customerId: again.id } })) > 0, "its keys were written with it");
  assert.deepEqual(await saveCustomer(db, owner, grace), { status: "replay", id: grace.id });
  assert.deepEqual(counts, { outside: 5, transactions: [] }, "a repeat is one read");
});

test("with candidates that are not matches, the save is two statements: a look-alike saved between them sends it to the locked save, which asks; so does a copy of the ID, which replays", async () => {
  const owner = await seedOwner(testDb.prisma);
  // Shares keys with both customers below (a candidate), but is not like either (no match).
  const byron = customerSchema.parse({ id: newId(), name: "Byron Lovelace", email: "lord@engines.co.uk", phone: "", company: "" });
  assert.equal((await saveCustomer(testDb.prisma, owner, byron)).status, "created");
  const ada = customerSchema.parse({ id: newId(), name: "Ada Lovelace", email: "ada@engines.co.uk", phone: "", company: "" });
  const lookAlike = customerSchema.parse({ id: newId(), name: "Ada  Lovelace", email: "", phone: "", company: "" });
  // Right before the second statement (the locked insert), another process saves the look-alike.
  const slipIn = countingStatements(async (n) => {
    if (n === 2) assert.equal((await saveCustomer(testDb.prisma, owner, lookAlike)).status, "created");
  });
  const asked = await saveCustomer(slipIn.db, owner, ada);
  assert.equal(asked.status, "possible-duplicate");
  assert.deepEqual(asked.status === "possible-duplicate" && asked.matches.map((m) => m.id), [lookAlike.id]);
  assert.deepEqual(
    slipIn.counts,
    { outside: 2, transactions: [2] },
    "the check, the locked insert that found a change; then the locked save's locks and check",
  );
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 2);

  // Another process saves the same ID, same values, in between: the answer is a replay, one row.
  const grace = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "grace@engines.co.uk", phone: "", company: "" });
  const copy = countingStatements(async (n) => {
    if (n === 2) await testDb.prisma.$transaction((tx) => saveWithin(tx, customerSaveOptions(owner, grace)), SAVE_TRANSACTION);
  });
  assert.deepEqual(await saveCustomer(copy.db, owner, grace), { status: "replay", id: grace.id });
  assert.equal(await testDb.prisma.customer.count({ where: { id: grace.id } }), 1);
});
