// A repeat that finds its key held by a running request waits for it (holding no connection) for
// up to inProgressWaitMs, and only then answers 409 "in progress". Two sessions contending for the
// key's lock: a real server only (the embedded database has one session, where advisory locks never
// conflict).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { createPrismaClient } from "../db/create-client.ts";
import { postCustomer } from "../tooling/testing/keyed-create.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { IDEMPOTENCY } from "./idempotency-key.ts";

const testDb = openTestPrisma();

/** Takes the key's lock from another session and holds it for `ms`, as a running first request would. */
async function holdKey(userId: string, key: string, ms: number): Promise<{ released: Promise<void> }> {
  const other = createPrismaClient(testDb.database.url, 1);
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const done = other
    .$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`idempotency:${userId}:${key}`}::text, 0))::text`;
        held();
        await new Promise((r) => setTimeout(r, ms));
      },
      { timeout: ms + 5_000 },
    )
    .finally(() => other.$disconnect());
  await isHeld;
  return { released: done };
}

test("a repeat waits out a short-running first request instead of answering 409", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const { released } = await holdKey(owner, key, 300);
  const started = Date.now();
  const answer = await postCustomer(testDb.prisma, owner, key, distinctCustomer(), { config: { ...IDEMPOTENCY, inProgressWaitMs: 2_000 } });
  await released;
  assert.equal(answer.status, 201, "it ran once the key was free (the holder wrote nothing)");
  assert.ok(Date.now() - started >= 250, "it waited for the key");
});

test("a repeat whose first request runs longer than the wait answers 409 in progress with Retry-After", async () => {
  const owner = await seedOwner(testDb.prisma);
  const key = randomUUID();
  const { released } = await holdKey(owner, key, 1_500);
  const started = Date.now();
  const answer = await postCustomer(testDb.prisma, owner, key, distinctCustomer(), { config: { ...IDEMPOTENCY, inProgressWaitMs: 300 } });
  const waited = Date.now() - started;
  await released;
  assert.equal(answer.status, 409);
  assert.equal((answer.body as { type: string }).type, "/api/v1/problems/request-in-progress");
  assert.equal(answer.headers?.["Retry-After"], "1");
  assert.ok(waited >= 150 && waited < 1_200, `it waited about the configured 300 ms (${waited} ms)`);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 0);
});
