// Merging and undoing, against the real database (embedded, and the server in CI).
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../../ids.ts";
import { openTestPrisma } from "../../tooling/testing/test-prisma.ts";
import { seedOwner } from "../../tooling/testing/seed.ts";
import { customerSchema } from "../../validations/customer.ts";
import { suggestCustomerMatches } from "../../matching/find-customer-matches.ts";
import { listCustomers } from "../queries.ts";
import { saveCustomer, saveCustomerAnyway } from "../save-customer.ts";
import { saveOrder } from "../../orders/save-order.ts";
import { mergeCustomers } from "./merge-customers.ts";
import { undoMerge } from "./undo-merge.ts";

const testDb = openTestPrisma();
const db = () => testDb.prisma;

async function customer(
  owner: string,
  fields: { name: string; email?: string; phone?: string; company?: string; street?: string; postcode?: string; city?: string; country?: string },
) {
  const input = customerSchema.parse({ id: newId(), email: "", phone: "", company: "", ...fields });
  // These records are duplicates on purpose: saved beside each other as a user would.
  await saveCustomerAnyway(db(), owner, input);
  return input.id;
}

async function order(owner: string, customerId: string, description = "Tea") {
  const id = newId();
  const outcome = await saveOrder(db(), owner, { id, customerId, description, amount: 1000 + Math.floor(Math.random() * 1e6), currency: "EUR" });
  assert.equal(outcome.status, "created");
  return id;
}

const customerOf = async (orderId: string) => (await db().order.findUniqueOrThrow({ where: { id: orderId } })).customerId;

test("a merge moves orders and decisions to the survivor, which takes the chosen values; the merged record becomes a tombstone", async () => {
  const owner = await seedOwner(db());
  const ada = await customer(owner, { name: "Ada Lovelace", email: "ada@example.com" });
  const countess = await customer(owner, { name: "Ada Lovelace", phone: "+44 20 7946 0958", company: "Analytical Engines" });
  const other = await customer(owner, { name: "Charles Babbage", email: "charles@example.com" });
  const [o1, o2] = [await order(owner, countess), await order(owner, countess, "Cake")];
  const kept = await order(owner, ada, "Scones");

  const mergeId = newId();
  const outcome = await mergeCustomers(db(), owner, { id: mergeId, into: ada, from: [countess], fields: { name: countess } });
  assert.equal(outcome.status, "merged");
  assert.deepEqual(outcome.status === "merged" && [...outcome.merge.movedOrderIds].sort(), [o1, o2].sort());
  assert.deepEqual([await customerOf(o1), await customerOf(o2), await customerOf(kept)], [ada, ada, ada]);

  const survivor = await db().customer.findUniqueOrThrow({ where: { id: ada } });
  assert.deepEqual(
    [survivor.email, survivor.phone, survivor.company],
    ["ada@example.com", "+44 20 7946 0958", "Analytical Engines"],
    "empty fields filled from the merged record",
  );
  const tombstone = await db().customer.findUniqueOrThrow({ where: { id: countess } });
  assert.equal(tombstone.mergedIntoId, ada);
  assert.equal(tombstone.phone, "+44 20 7946 0958", "a tombstone keeps its own values");

  // The countess was saved "anyway" beside Ada: that decision is now between two halves of one record and stays as history.
  const list = await listCustomers(db(), owner, 1);
  assert.deepEqual(list.rows.map((r) => r.id).sort(), [ada, other].sort());
  assert.equal(list.total, 2);
  const matches = await suggestCustomerMatches(db(), owner, { name: "Ada Lovelace", phone: "+44 20 7946 0958" });
  assert.deepEqual(
    matches.map((m) => m.id),
    [ada],
    "near-match never proposes a tombstone",
  );
});

test("the same merge again answers the same; its ID with another request is refused; merged records cannot merge again", async () => {
  const owner = await seedOwner(db());
  const [a, b, c] = [
    await customer(owner, { name: "Grace Hopper" }),
    await customer(owner, { name: "Grace B. Hopper" }),
    await customer(owner, { name: "G. Hopper" }),
  ];
  const id = newId();
  assert.equal((await mergeCustomers(db(), owner, { id, into: a, from: [b] })).status, "merged");
  assert.equal((await mergeCustomers(db(), owner, { id, into: a, from: [b] })).status, "replay");
  assert.deepEqual(await mergeCustomers(db(), owner, { id, into: a, from: [c] }), { status: "conflict" });
  assert.deepEqual(await mergeCustomers(db(), owner, { id: newId(), into: c, from: [b] }), { status: "already-merged", id: b, survivorId: a });
  assert.deepEqual(await mergeCustomers(db(), owner, { id: newId(), into: b, from: [c] }), { status: "already-merged", id: b, survivorId: a });
  const stranger = await seedOwner(db());
  assert.deepEqual(await mergeCustomers(db(), stranger, { id: newId(), into: await customer(stranger, { name: "Grace Hopper" }), from: [c] }), {
    status: "not-found",
    ids: [c],
  });
  assert.deepEqual(await mergeCustomers(db(), stranger, { id, into: a, from: [b] }), { status: "conflict" }, "another user's merge ID reveals nothing");
});

test("chains resolve: A into B, then B into C leaves A pointing to C; an order for A lands on C", async () => {
  const owner = await seedOwner(db());
  const [a, b, c] = [
    await customer(owner, { name: "Alan Turing" }),
    await customer(owner, { name: "Alan M. Turing" }),
    await customer(owner, { name: "A. M. Turing" }),
  ];
  const first = await order(owner, a);
  await mergeCustomers(db(), owner, { id: newId(), into: b, from: [a] });
  await mergeCustomers(db(), owner, { id: newId(), into: c, from: [b] });
  assert.equal((await db().customer.findUniqueOrThrow({ where: { id: a } })).mergedIntoId, c);
  assert.equal(await customerOf(first), c);
  const late = newId();
  assert.equal(
    (await saveOrder(db(), owner, { id: late, customerId: a, description: "Placed from an old form", amount: 4200, currency: "EUR" })).status,
    "created",
  );
  assert.equal(await customerOf(late), c, "an order for a merged customer lands on its survivor");
});

test("undo restores both records and moves back exactly the orders that moved; it is idempotent", async () => {
  const owner = await seedOwner(db());
  const a = await customer(owner, { name: "Rosalind Franklin", email: "rosalind@example.com" });
  const b = await customer(owner, { name: "Rosalind E. Franklin", phone: "+44 20 7946 0000" });
  const moved = await order(owner, b);
  const merge = await mergeCustomers(db(), owner, { id: newId(), into: a, from: [b], fields: { name: b } });
  assert.equal(merge.status, "merged");
  const since = await order(owner, a, "Placed on the survivor after the merge");

  const undone = await undoMerge(db(), owner, merge.status === "merged" ? merge.merge.id : "");
  assert.equal(undone.status, "undone");
  assert.equal(await customerOf(moved), b);
  assert.equal(await customerOf(since), a, "orders placed on the survivor since stay");
  const [ra, rb] = [await db().customer.findUniqueOrThrow({ where: { id: a } }), await db().customer.findUniqueOrThrow({ where: { id: b } })];
  assert.deepEqual([ra.name, ra.email, ra.phone], ["Rosalind Franklin", "rosalind@example.com", null], "the survivor's values from before");
  assert.deepEqual([rb.mergedIntoId, rb.mergedAt], [null, null]);
  assert.deepEqual(
    (await suggestCustomerMatches(db(), owner, { name: "Rosalind E. Franklin", phone: "+44 20 7946 0000" })).map((m) => m.id).includes(b),
    true,
    "its near-match keys are back",
  );
  assert.equal((await undoMerge(db(), owner, merge.status === "merged" ? merge.merge.id : "")).status, "replay");
  assert.equal(await customerOf(moved), b);
});

test("the address moves as one, the survivor is found by it afterwards, and undo puts the old one back", async () => {
  const owner = await seedOwner(db());
  const a = await customer(owner, { name: "Mary Somerville", street: "1 Hanover Square", postcode: "W1S 1HU", city: "London", country: "GB" });
  const b = await customer(owner, { name: "Mary Fairfax", street: "12 Chelsea Embankment", postcode: "SW3 4LA", city: "London", country: "GB" });
  const merge = await mergeCustomers(db(), owner, { id: newId(), into: a, from: [b], fields: { address: b } });
  assert.equal(merge.status, "merged");
  const merged = await db().customer.findUniqueOrThrow({ where: { id: a } });
  assert.deepEqual(
    [merged.name, merged.street, merged.postcode, merged.city, merged.country],
    ["Mary Somerville", "12 Chelsea Embankment", "SW3 4LA", "London", "GB"],
  );
  const atNewHouse = await suggestCustomerMatches(db(), owner, { name: "Mary Greig", street: "12 Chelsea Embankment", postcode: "SW3 4LA" });
  assert.deepEqual(
    atNewHouse.map((m) => m.id),
    [a],
    "keyed by the address it took",
  );

  assert.equal((await undoMerge(db(), owner, merge.status === "merged" ? merge.merge.id : "")).status, "undone");
  const back = await db().customer.findUniqueOrThrow({ where: { id: a } });
  assert.deepEqual([back.street, back.postcode], ["1 Hanover Square", "W1S 1HU"]);
});

test("an undo waits for a later merge of the survivor to be undone first", async () => {
  const owner = await seedOwner(db());
  const [a, b, c] = [
    await customer(owner, { name: "Emmy Noether" }),
    await customer(owner, { name: "Amalie Emmy Noether" }),
    await customer(owner, { name: "E. Noether" }),
  ];
  const first = await mergeCustomers(db(), owner, { id: newId(), into: b, from: [a] });
  const second = await mergeCustomers(db(), owner, { id: newId(), into: c, from: [b] });
  assert.ok(first.status === "merged" && second.status === "merged");
  assert.equal((await undoMerge(db(), owner, first.merge.id)).status, "survivor-merged");
  assert.equal((await undoMerge(db(), owner, second.merge.id)).status, "undone");
  assert.equal((await db().customer.findUniqueOrThrow({ where: { id: a } })).mergedIntoId, b, "A's tombstone points to B again");
  assert.equal((await undoMerge(db(), owner, first.merge.id)).status, "undone");
  assert.equal(await db().customer.count({ where: { ownerId: owner, mergedIntoId: null } }), 3);
});

test("merges into one survivor are undone newest first: an older undo is refused and nothing is lost", async () => {
  const owner = await seedOwner(db());
  const a = await customer(owner, { name: "Ada Lovelace", email: "ada@lovelace.example" });
  const b = await customer(owner, { name: "Ada Lovelace", email: "ada@byron.example" });
  const c = await customer(owner, { name: "Ada Lovelace", email: "countess@example.com", phone: "+44 20 7946 0001" });
  const first = await mergeCustomers(db(), owner, { id: newId(), into: a, from: [b], fields: { email: b } });
  const second = await mergeCustomers(db(), owner, { id: newId(), into: a, from: [c], fields: { phone: c } });
  assert.ok(first.status === "merged" && second.status === "merged");
  const refused = await undoMerge(db(), owner, first.merge.id);
  assert.equal(refused.status, "later-merge");
  assert.equal(refused.status === "later-merge" && refused.later.id, second.merge.id, "it names the merge to undo first");
  const afterRefusal = await db().customer.findUniqueOrThrow({ where: { id: a } });
  assert.deepEqual([afterRefusal.email, afterRefusal.phone], ["ada@byron.example", "+44 20 7946 0001"], "the refused undo changed nothing");

  assert.equal((await undoMerge(db(), owner, second.merge.id)).status, "undone");
  assert.equal((await undoMerge(db(), owner, first.merge.id)).status, "undone");
  const survivor = await db().customer.findUniqueOrThrow({ where: { id: a } });
  assert.deepEqual([survivor.email, survivor.phone], ["ada@lovelace.example", null], "A has its own values back");
  assert.equal(await db().customer.count({ where: { ownerId: owner, mergedIntoId: null } }), 3);
});

test("20 merges at once over overlapping pairs: a consistent result, no cycle, no order on a tombstone", async () => {
  const owner = await seedOwner(db());
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await customer(owner, { name: `Marie Curie ${"I".repeat(i + 1)}` }));
  for (const id of ids) await order(owner, id);
  const pairs = Array.from({ length: 20 }, (_, i) => [ids[i % 6], ids[(i * 5 + 1) % 6]] as const).filter(([x, y]) => x !== y);
  const outcomes = await Promise.all(pairs.map(([into, from]) => mergeCustomers(db(), owner, { id: newId(), into, from: [from] })));
  assert.ok(outcomes.some((o) => o.status === "merged"));
  assert.ok(
    outcomes.every((o) => o.status === "merged" || o.status === "already-merged"),
    JSON.stringify(outcomes.map((o) => o.status)),
  );

  const rows = await db().customer.findMany({ where: { ownerId: owner }, select: { id: true, mergedIntoId: true } });
  const byId = new Map(rows.map((r) => [r.id, r.mergedIntoId]));
  for (const r of rows) if (r.mergedIntoId) assert.equal(byId.get(r.mergedIntoId), null, "every tombstone points to a live record: no chain, no cycle");
  const orders = await db().order.findMany({ where: { ownerId: owner }, select: { customerId: true } });
  assert.equal(orders.length, 6);
  for (const o of orders) assert.equal(byId.get(o.customerId), null, "no order left on a tombstone");
});

test("replays after a merge: the merged record's create and its order's create both answer already saved", async () => {
  const owner = await seedOwner(db());
  const survivorInput = customerSchema.parse({ id: newId(), name: "Katherine Johnson", email: "katherine@example.com", phone: "", company: "" });
  const mergedInput = customerSchema.parse({ id: newId(), name: "Katherine G. Johnson", email: "", phone: "+1 757 555 0100", company: "" });
  await saveCustomer(db(), owner, survivorInput);
  await saveCustomerAnyway(db(), owner, mergedInput);
  const orderInput = { id: newId(), customerId: mergedInput.id, description: "Slide rule", amount: 4200, currency: "USD" as const };
  assert.equal((await saveOrder(db(), owner, orderInput)).status, "created");
  await mergeCustomers(db(), owner, { id: newId(), into: survivorInput.id, from: [mergedInput.id] });

  assert.deepEqual(await saveCustomer(db(), owner, mergedInput), { status: "replay", id: mergedInput.id }, "a Back-and-resubmit of the merged record's form");
  assert.deepEqual(await saveOrder(db(), owner, orderInput), { status: "replay", id: orderInput.id }, "its order's form, resubmitted");
  assert.equal(await db().customer.count({ where: { ownerId: owner } }), 2);
  assert.equal(await db().order.count({ where: { ownerId: owner } }), 1);
});
