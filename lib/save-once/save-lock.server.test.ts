// Needs a real PostgreSQL server (TEST_DATABASE_URL): a lock held by another session. The embedded
// database serves every connection from one session, where advisory locks never contend.
import assert from "node:assert/strict";
import { test } from "node:test";
import { failureAnswer } from "../api/failure.ts";
import { customerSaveOptions, saveCustomer } from "../customers/save-customer.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { customerSchema } from "../validations/customer.ts";
import { MATCHING } from "../matching/config.ts";
import { lockForSave } from "./save-lock.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { newId } from "../ids.ts";
import { SAVE_TRANSACTION, saveDuplicateSafe, saveWithin } from "./save-once.ts";

const testDb = openTestPrisma();

/** Another session holds the near-match locks of a customer's keys for `ms`, as a slow save of a look-alike would. */
async function holdKeyLocks(ownerId: string, customer: ReturnType<typeof customerSchema.parse>, ms: number) {
  let held!: () => void;
  const acquired = new Promise<void>((resolve) => (held = resolve));
  const done = testDb.prisma.$transaction(
    async (tx) => {
      await lockForSave(tx, {
        recordKey: `record:${newId()}`,
        keys: customerSaveOptions(ownerId, customer).lockKeys,
        lockTimeoutMs: 5_000,
        matchLimitMs: null,
      });
      held();
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    { timeout: ms + 10_000 },
  );
  await acquired;
  return done;
}

test("a save waits for a held key lock longer than the match query's time limit, and saves", async () => {
  const owner = await seedOwner(testDb.prisma);
  const holdMs = MATCHING.statementTimeoutMs + 1_000; // 3 s: the wait that failed at 2,067 ms with 57014
  const customer = customerSchema.parse(distinctCustomer());
  const holder = holdKeyLocks(owner, customer, holdMs);
  const started = Date.now();
  const outcome = await saveCustomer(testDb.prisma, owner, customer);
  const waited = Date.now() - started;
  await holder;
  assert.deepEqual(outcome, { status: "created", id: customer.id, matchCheck: "ok" });
  assert.ok(waited >= holdMs - 200, `it waited for the lock (${waited} ms)`);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});

test("a save that cannot get its lock in time fails retryably, saves nothing, and the API answers 503 with Retry-After", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = customerSchema.parse(distinctCustomer());
  const holder = holdKeyLocks(owner, customer, 2_000);
  const started = Date.now();
  const error = await saveDuplicateSafe(testDb.prisma, { ...customerSaveOptions(owner, customer), lockTimeoutMs: 300 }).then(
    () => null,
    (e: unknown) => e,
  );
  const waited = Date.now() - started;
  await holder;
  assert.ok(error, "the save was refused");
  assert.ok(waited < 1_500, `refused after the lock limit, not the holder's 2 s (${waited} ms)`);
  assert.ok(isDatabaseUnavailable(error), String(error));
  const answer = failureAnswer(error);
  assert.equal(answer.status, 503);
  assert.equal(answer.headers?.["Retry-After"], "2");
  assert.ok(!JSON.stringify(answer.body).includes("lock"), "the database's message stays on the server");
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 0);
  // The same save, retried once the lock is free, goes through.
  assert.equal((await saveCustomer(testDb.prisma, owner, customer)).status, "created");
});

test("saves lock their own keys: a look-alike waits, an unrelated customer of the same owner does not", async () => {
  const owner = await seedOwner(testDb.prisma);
  const first = customerSchema.parse({ ...distinctCustomer(), name: "Grace Hopper", email: "grace@navy.mil" });
  const holder = holdKeyLocks(owner, first, 2_000);
  const unrelated = customerSchema.parse(distinctCustomer());
  const lookAlike = customerSchema.parse({ ...distinctCustomer(), name: "Grace  Hopper" });
  const started = Date.now();
  assert.equal((await saveDuplicateSafe(testDb.prisma, { ...customerSaveOptions(owner, unrelated), lockTimeoutMs: 300 })).status, "created");
  assert.ok(Date.now() - started < 1_500, "the unrelated save did not queue behind the held keys");
  const refused = await saveDuplicateSafe(testDb.prisma, { ...customerSaveOptions(owner, lookAlike), lockTimeoutMs: 300 }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(refused && isDatabaseUnavailable(refused), "the look-alike shares the name key, so it waited and gave up");
  await holder;
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});

test("the match query keeps its own time limit, and the insert after it does not inherit it", async () => {
  const owner = await seedOwner(testDb.prisma);
  const customer = customerSchema.parse(distinctCustomer());
  const seen: Record<string, string> = {};
  const options = customerSaveOptions(owner, customer);
  const outcome = await saveDuplicateSafe(testDb.prisma, {
    ...options,
    unlocked: undefined, // the locked save's limit: the unlocked check holds no lock, and has the connection's
    // The check's candidates report the limit they run under, and the insert the one it runs under.
    candidates: Prisma.sql`SELECT current_setting('statement_timeout') AS t`,
    matchesFrom: (rows) => {
      seen.matching = String(rows[0].t);
      return [];
    },
    insert: async (tx, decided) => {
      seen.insert = (await tx.$queryRaw<{ t: string }[]>`SELECT current_setting('statement_timeout') AS t`)[0].t;
      return options.insert(tx, decided);
    },
  });
  assert.equal(outcome.status, "created");
  assert.deepEqual(seen, { matching: `${MATCHING.statementTimeoutMs / 1000}s`, insert: "15s" });
});

test("a check slower than its time limit is cut off, and the save goes through unchecked, in its own transaction or in a caller's", async () => {
  const owner = await seedOwner(testDb.prisma);
  const kept = newId();
  for (const within of [false, true]) {
    const customer = customerSchema.parse(distinctCustomer());
    const errors: unknown[] = [];
    const options = {
      ...customerSaveOptions(owner, customer),
      candidates: Prisma.sql`SELECT pg_sleep(${(MATCHING.statementTimeoutMs + 3_000) / 1000})`,
      matchesFrom: () => [],
      unlocked: undefined, // the locked save's check: the unlocked one holds no lock, and has the connection's limit
      onMatchingError: (e: unknown) => errors.push(e),
    };
    const started = Date.now();
    const outcome = within
      ? await testDb.prisma.$transaction(async (tx) => {
          // A write of the caller's before the save, as the API's Idempotency-Key is: it must survive the failed check.
          await tx.customer.create({ data: { id: kept, ownerId: owner, name: "Kept", nameNormalized: "kept" } });
          return saveWithin(tx, options);
        }, SAVE_TRANSACTION)
      : await saveDuplicateSafe(testDb.prisma, options);
    const took = Date.now() - started;
    assert.deepEqual(outcome, { status: "created", id: customer.id, matchCheck: "failed" });
    assert.ok(took < MATCHING.statementTimeoutMs + 2_000, `cut off at the limit (${took} ms)`);
    assert.equal(errors.length, 1);
    assert.equal(await testDb.prisma.customer.count({ where: { id: customer.id } }), 1);
  }
  assert.equal(await testDb.prisma.customer.count({ where: { id: kept } }), 1);
});

test("near-identical customers saved at the same moment: of each pair one is created and the other asked, 40 times over", async () => {
  const owner = await seedOwner(testDb.prisma);
  const pairs = Array.from({ length: 40 }, () => {
    const { name, email } = distinctCustomer();
    return [
      customerSchema.parse({ id: newId(), name, email, phone: "", company: "" }),
      customerSchema.parse({ id: newId(), name: name.toUpperCase(), email, phone: "", company: "" }),
    ];
  });
  const outcomes = await Promise.all(pairs.map((pair) => Promise.all(pair.map((c) => saveCustomer(testDb.prisma, owner, c)))));
  for (const pair of outcomes) assert.deepEqual(pair.map((o) => o.status).sort(), ["created", "possible-duplicate"]);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 40);
});

test("a look-alike committed while a one-statement save waits for its locks sends the save to the locked one, which asks", async () => {
  const owner = await seedOwner(testDb.prisma);
  const ada = customerSchema.parse({ id: newId(), name: "Ada Lovelace", email: "ada@engines.co.uk", phone: "", company: "" });
  const lookAlike = customerSchema.parse({ id: newId(), name: "Ada  Lovelace", email: "", phone: "", company: "" });
  // Another session saves the look-alike and keeps its transaction, and so its key locks, open.
  let commit!: () => void;
  const committing = new Promise<void>((resolve) => (commit = resolve));
  let saved!: () => void;
  const lookAlikeSaved = new Promise<void>((resolve) => (saved = resolve));
  const other = testDb.prisma.$transaction(
    async (tx) => {
      assert.equal((await saveWithin(tx, customerSaveOptions(owner, lookAlike))).status, "created");
      saved();
      await committing;
    },
    { timeout: 20_000 },
  );
  await lookAlikeSaved;
  // The save's statement reads before the look-alike commits (no candidate), so it goes on to its
  // insert, which waits for the look-alike's key locks.
  const saving = saveCustomer(testDb.prisma, owner, ada);
  for (const end = Date.now() + 5_000; ;) {
    const [{ waiting }] = await testDb.prisma.$queryRaw<
      Array<{ waiting: number }>
    >`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
    if (waiting > 0) break;
    assert.ok(Date.now() < end, "the save never waited for the look-alike's locks");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  commit();
  await other;
  const outcome = await saving;
  assert.equal(outcome.status, "possible-duplicate");
  assert.deepEqual(outcome.status === "possible-duplicate" && outcome.matches.map((m) => m.id), [lookAlike.id]);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});
