// Idempotency-Key on a real database: replay, mismatch, scoping, concurrency, a crash between
// claim and commit, "possible duplicate" until confirmed, expiry and cleanup on a moved clock.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { postCustomer, postOrder } from "../tooling/testing/keyed-create.ts";
import { deleteExpiredKeys, describeKey } from "./idempotency.ts";

const testDb = openTestPrisma();
const body = () => {
  const { id: _id, ...rest } = distinctCustomer();
  void _id;
  return rest;
};
const customers = (owner: string) => testDb.prisma.customer.count({ where: { ownerId: owner } });
const HOUR = 3_600_000;

test("a repeat returns the stored answer, marked as replayed, and creates nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const b = body();
  const first = await postCustomer(testDb.prisma, owner, key, b);
  assert.equal(first.status, 201);
  assert.equal(first.headers?.["Idempotent-Replayed"], undefined);
  assert.match(first.headers?.["Idempotency-Key-Expires"] ?? "", /GMT$/);
  const again = await postCustomer(testDb.prisma, owner, key, { ...b });
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  assert.equal(again.headers?.["Idempotent-Replayed"], "true");
  assert.equal(again.headers?.Location, first.headers?.Location);
  assert.equal(await customers(owner), 1);
  // Key order in the body does not make it another request.
  const reordered = Object.fromEntries(Object.entries(b).reverse());
  assert.equal((await postCustomer(testDb.prisma, owner, key, reordered)).headers?.["Idempotent-Replayed"], "true");
});

test("the same key with another body or path is refused with 422 and changes nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const b = body();
  await postCustomer(testDb.prisma, owner, key, b);
  const changed = await postCustomer(testDb.prisma, owner, key, { ...b, name: `${b.name} Jr` });
  assert.equal(changed.status, 422);
  assert.equal((changed.body as { type: string }).type, "/api/v1/problems/idempotency-key-reused");
  const customer = await testDb.prisma.customer.findFirstOrThrow({ where: { ownerId: owner } });
  const order = await postOrder(testDb.prisma, owner, key, { customerId: customer.id, description: "x", amount: "1.00", currency: "USD" });
  assert.equal(order.status, 422);
  assert.equal(await customers(owner), 1);
  assert.equal(await testDb.prisma.order.count({ where: { ownerId: owner } }), 0);
});

test("keys are per user: one key from two users is two requests, and neither sees the other's", async () => {
  const [alice, bob] = [await seedOwner(testDb.prisma), await seedOwner(testDb.prisma)];
  const key = randomUUID();
  const a = await postCustomer(testDb.prisma, alice, key, body());
  const b = await postCustomer(testDb.prisma, bob, key, body());
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.equal(b.headers?.["Idempotent-Replayed"], undefined);
  assert.notEqual((a.body as { id: string }).id, (b.body as { id: string }).id);
  assert.equal((await describeKey(testDb.prisma, bob, key))?.resourceId, (b.body as { id: string }).id);
  assert.equal(await describeKey(testDb.prisma, bob, "never-used"), null);
  assert.equal(await customers(alice), 1);
  assert.equal(await customers(bob), 1);
});

test("50 parallel requests with one key: one 201, the rest 409 in progress or its replay, one row", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const b = body();
  const answers = await Promise.all(Array.from({ length: 50 }, () => postCustomer(testDb.prisma, owner, key, b)));
  const fresh = answers.filter((a) => a.status === 201 && !a.headers?.["Idempotent-Replayed"]);
  const replays = answers.filter((a) => a.status === 201 && a.headers?.["Idempotent-Replayed"] === "true");
  const busy = answers.filter((a) => a.status === 409);
  assert.equal(fresh.length, 1);
  assert.equal(replays.length + busy.length, 49);
  for (const a of busy) {
    assert.equal(a.headers?.["Retry-After"], "1");
    assert.equal((a.body as { type: string }).type, "/api/v1/problems/request-in-progress");
  }
  assert.ok(replays.every((a) => JSON.stringify(a.body) === JSON.stringify(fresh[0].body)));
  assert.equal(await customers(owner), 1);
});

test("an error before commit leaves no key and no record; the retry runs afresh", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const b = { ...body(), id: newId() };
  // A record whose ID belongs to a deleted owner makes the insert fail after the key is claimed.
  await assert.rejects(() => postCustomer(testDb.prisma, "00000000-0000-4000-8000-000000000000", key, b));
  assert.equal(await testDb.prisma.idempotencyKey.count({ where: { key } }), 0);
  assert.equal(await testDb.prisma.customer.count({ where: { id: b.id } }), 0);
  assert.equal((await postCustomer(testDb.prisma, owner, key, b)).status, 201);
  assert.equal(await testDb.prisma.customer.count({ where: { id: b.id } }), 1);
});

test("a process killed between claiming the key and commit: the retry succeeds and one row exists", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const b = { ...body(), id: newId() };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "../tooling/testing/crash-during-keyed-create.ts"), testDb.database.url, owner, key, JSON.stringify(b)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const said = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the child exited (${code}) before claiming the key`)));
  });
  assert.match(said, /^claimed 201/);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));

  const retry = await postCustomer(testDb.prisma, owner, key, b);
  assert.equal(retry.status, 201);
  assert.equal(retry.headers?.["Idempotent-Replayed"], undefined);
  assert.equal(await testDb.prisma.customer.count({ where: { id: b.id } }), 1);
  assert.equal((await postCustomer(testDb.prisma, owner, key, b)).headers?.["Idempotent-Replayed"], "true");
});

test("business errors are stored and replayed; requests refused before they ran store nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const order = { customerId: newId(), description: "Paper", amount: "5.00", currency: "USD" };
  const missing = await postOrder(testDb.prisma, owner, key, order);
  assert.equal(missing.status, 404);
  const again = await postOrder(testDb.prisma, owner, key, order);
  assert.equal(again.status, 404);
  assert.equal(again.headers?.["Idempotent-Replayed"], "true");

  const invalidKey = randomUUID();
  assert.equal((await postOrder(testDb.prisma, owner, invalidKey, { ...order, amount: "0" })).status, 400);
  assert.equal(await testDb.prisma.idempotencyKey.count({ where: { key: invalidKey } }), 0);
  assert.equal((await postOrder(testDb.prisma, owner, null, order)).status, 400);
  assert.equal((await postOrder(testDb.prisma, owner, "x".repeat(256), order)).status, 400);
});

test("a possible duplicate is kept only until the client resends with the confirmation", async () => {
  const owner = await seedOwner(testDb.prisma);
  const first = body();
  assert.equal((await postCustomer(testDb.prisma, owner, randomUUID(), first)).status, 201);
  const key = randomUUID();
  // The same name and nothing to tell them apart (a different email and phone would).
  const twin = { ...body(), name: first.name, email: "", phone: "", id: newId() };
  const asked = await postCustomer(testDb.prisma, owner, key, twin);
  assert.equal(asked.status, 409);
  const problem = asked.body as { type: string; confirmDuplicateOf: string[]; matches: Array<{ reasons: string[] }> };
  assert.equal(problem.type, "/api/v1/problems/possible-duplicate");
  assert.equal(problem.confirmDuplicateOf.length, 1);
  assert.deepEqual(problem.matches[0].reasons, ["same name"]);
  const repeated = await postCustomer(testDb.prisma, owner, key, twin);
  assert.equal(repeated.status, 409);
  assert.equal(repeated.headers?.["Idempotent-Replayed"], "true");

  const confirmed = await postCustomer(testDb.prisma, owner, key, { ...twin, confirmDuplicateOf: problem.confirmDuplicateOf });
  assert.equal(confirmed.status, 201);
  assert.equal(await customers(owner), 2);
  assert.equal(await testDb.prisma.customerDuplicateDecision.count({ where: { customerId: twin.id } }), 1);
  const replay = await postCustomer(testDb.prisma, owner, key, { ...twin, confirmDuplicateOf: problem.confirmDuplicateOf });
  assert.equal(replay.status, 201);
  assert.equal(replay.headers?.["Idempotent-Replayed"], "true");
});

test("the body's id and the key are independent: a new key with a saved id creates nothing", async () => {
  const owner = await seedOwner(testDb.prisma);
  const b = { ...body(), id: newId() };
  assert.equal((await postCustomer(testDb.prisma, owner, randomUUID(), b)).status, 201);
  const sameId = await postCustomer(testDb.prisma, owner, randomUUID(), b);
  assert.equal(sameId.status, 200);
  const otherValues = await postCustomer(testDb.prisma, owner, randomUUID(), { ...b, name: "Someone Else Entirely" });
  assert.equal(otherValues.status, 409);
  assert.equal((otherValues.body as { type: string }).type, "/api/v1/problems/id-conflict");
  const stranger = await seedOwner(testDb.prisma);
  const foreign = await postCustomer(testDb.prisma, stranger, randomUUID(), { ...b, name: "Someone Else Entirely" });
  assert.deepEqual(foreign.body, otherValues.body); // another user's id is told apart from nothing
  assert.equal(await customers(owner), 1);
  assert.equal(await customers(stranger), 0);
});

test("keys expire: after the TTL a key runs afresh, and cleanup deletes expired keys in batches", async () => {
  const owner = await seedOwner(testDb.prisma);
  const start = new Date("2030-01-01T00:00:00Z");
  const clock = { now: start };
  const options = { now: () => clock.now, config: { ttlMs: 24 * HOUR, leaseMs: 30_000, inProgressWaitMs: 2_000 } };
  const key = randomUUID();
  const b = { ...body(), id: newId() };
  assert.equal((await postCustomer(testDb.prisma, owner, key, b, options)).status, 201);
  assert.equal((await describeKey(testDb.prisma, owner, key, new Date(start.getTime() + 23 * HOUR)))?.status, 201);

  clock.now = new Date(start.getTime() + 25 * HOUR);
  assert.equal(await describeKey(testDb.prisma, owner, key, clock.now), null);
  // Expired: the same key with another body is a new request now, not a 422.
  const reused = await postCustomer(testDb.prisma, owner, key, body(), options);
  assert.equal(reused.status, 201);
  assert.equal(reused.headers?.["Idempotent-Replayed"], undefined);

  // 25 more keys made at `start`, so expired at start + 25 h; the reused key lives on.
  for (let i = 0; i < 25; i++) await postCustomer(testDb.prisma, owner, randomUUID(), body(), { ...options, now: () => start });
  const expired = () => testDb.prisma.idempotencyKey.count({ where: { userId: owner, expiresAt: { lte: clock.now } } });
  assert.equal(await expired(), 25);
  // Two cleaners at once, in small batches: together they delete each expired key exactly once.
  const [a, c] = await Promise.all([
    deleteExpiredKeys(testDb.prisma, { now: clock.now, batchSize: 4 }),
    deleteExpiredKeys(testDb.prisma, { now: clock.now, batchSize: 4 }),
  ]);
  assert.ok(a + c >= 25, `deleted ${a} + ${c}`);
  assert.equal(await expired(), 0);
  assert.equal(await testDb.prisma.idempotencyKey.count({ where: { userId: owner } }), 1);
  assert.equal(await customers(owner), 27);
});
