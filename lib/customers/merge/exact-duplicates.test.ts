import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../../ids.ts";
import { seedOwner } from "../../tooling/testing/seed.ts";
import { openTestPrisma } from "../../tooling/testing/test-prisma.ts";
import { customerSchema } from "../../validations/customer.ts";
import { saveCustomerAnyway } from "../save-customer.ts";
import { exactDuplicateCounts, exactDuplicateGroups, exactDuplicatePreview, exactGroupMergeId, mergeExactDuplicates } from "./exact-duplicates.ts";
import { mergeWithin } from "./merge-customers.ts";
import { undoMerge } from "./undo-merge.ts";

const testDb = openTestPrisma();
const db = () => testDb.prisma;

async function customer(owner: string, name: string, email: string) {
  const input = customerSchema.parse({ id: newId(), name, email, phone: "", company: "" });
  await saveCustomerAnyway(db(), owner, input);
  return input.id;
}

async function seedGroups(owner: string) {
  const oldest: string[] = [];
  for (const [i, email] of ["ada@example.com", "grace@example.com", "alan@example.com"].entries()) {
    oldest.push(await customer(owner, `Person ${i}`, email));
    await customer(owner, `Person ${i} again`, email.toUpperCase());
    if (i === 0) await customer(owner, "Person 0 thrice", ` ${email} `);
  }
  await customer(owner, "Someone else", "someone@example.com");
  return oldest;
}

test("batches merge each email's group into its oldest record; a crashed batch is redone once; overlapping runs merge nothing twice", async () => {
  const owner = await seedOwner(db());
  const oldest = await seedGroups(owner);
  assert.deepEqual(await exactDuplicateCounts(db(), owner), { groups: 3, records: 4 });
  assert.deepEqual(await exactDuplicatePreview(db(), owner, 1), [
    { email: "ada@example.com", kept: { id: oldest[0], name: "Person 0" }, others: ["Person 0 again", "Person 0 thrice"] },
  ]);

  const first = await mergeExactDuplicates(db(), owner, 2);
  assert.equal(first.remaining, 1);
  // What was merged, named, with each merge's ID for its undo: Person 0 kept, two others into it.
  assert.deepEqual(
    first.merged.map((m) => ({ kept: m.kept.name, others: m.others })),
    [
      { kept: "Person 0", others: ["Person 0 again", "Person 0 thrice"] },
      { kept: "Person 1", others: ["Person 1 again"] },
    ],
  );
  assert.equal(
    await db().customerMerge.count({ where: { id: { in: first.merged.map((m) => m.mergeId) }, intoId: { in: first.merged.map((m) => m.kept.id) } } }),
    2,
  );
  // A crash in the middle of the last group's merge: its transaction rolls back.
  const [last] = await exactDuplicateGroups(db(), owner, 10);
  await assert.rejects(
    db().$transaction(async (tx) => {
      await mergeWithin(tx, owner, { id: exactGroupMergeId(owner, last), into: last.ids[0], from: last.ids.slice(1) });
      throw new Error("the process died");
    }),
    /the process died/,
  );
  // Started again, twice at once: the group merges once.
  const runs = await Promise.all([mergeExactDuplicates(db(), owner, 2), mergeExactDuplicates(db(), owner, 2)]);
  assert.deepEqual(runs.map((r) => r.merged.length).sort(), [0, 1]);
  assert.deepEqual(await mergeExactDuplicates(db(), owner, 2), { merged: [], remaining: 0 });

  assert.equal(await db().customerMerge.count({ where: { ownerId: owner } }), 3);
  const live = await db().customer.findMany({ where: { ownerId: owner, mergedIntoId: null }, select: { id: true } });
  assert.deepEqual(
    live.map((c) => c.id).sort(),
    [...oldest, ...(await db().customer.findMany({ where: { ownerId: owner, name: "Someone else" } })).map((c) => c.id)].sort(),
    "the oldest of each group, and the customer with a unique email",
  );
});

test("a group whose merge was undone is left alone: the run finishes instead of stalling on it", async () => {
  const owner = await seedOwner(db());
  await seedGroups(owner);
  const run = await mergeExactDuplicates(db(), owner, 20);
  assert.deepEqual([run.merged.length, run.remaining], [3, 0]);
  const [undone] = await db().customerMerge.findMany({ where: { ownerId: owner }, orderBy: { sequence: "asc" }, take: 1 });
  assert.equal((await undoMerge(db(), owner, undone.id)).status, "undone");
  assert.deepEqual(await exactDuplicateCounts(db(), owner), { groups: 0, records: 0 }, "the preview does not offer it again");
  assert.deepEqual(await mergeExactDuplicates(db(), owner, 20), { merged: [], remaining: 0 }, "nothing left to do, not 'one group remaining' forever");
  // A new record with that email makes it a different group: offered again.
  const [group] = await db().customer.findMany({ where: { id: undone.intoId }, select: { email: true } });
  await customer(owner, "Yet another", group.email!);
  assert.equal((await exactDuplicateCounts(db(), owner)).groups, 1);
});
