// The API rate limit is one allowance per caller, whichever instance counts it: two limiters on one
// database (two instances) share it, and when the database cannot answer each still limits alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { createRateLimiter } from "./rate-limit.ts";

const testDb = openTestPrisma();

test("two instances share one allowance per caller; a new window gives it back", async () => {
  const a = createRateLimiter(testDb.prisma, 60);
  const b = createRateLimiter(testDb.prisma, 60);
  for (let i = 0; i < 30; i++) assert.deepEqual(await a.take("user:1"), { ok: true });
  for (let i = 0; i < 30; i++) assert.deepEqual(await b.take("user:1"), { ok: true });
  const refused = await a.take("user:1");
  assert.equal(refused.ok, false, "the 61st request in the minute is refused, though this instance counted only 30");
  assert.ok(!refused.ok && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60, JSON.stringify(refused));
  assert.equal((await b.take("user:1")).ok, false);
  assert.deepEqual(await a.take("user:2"), { ok: true }, "callers have their own allowance");
  const [{ points }] = await testDb.prisma.$queryRaw<{ points: number }[]>`SELECT points FROM "ApiRateLimit" WHERE key = 'api:user:1'`;
  assert.ok(points >= 61, `every request was counted in the database (${points})`);

  // The window ends (moved into the past rather than waited for).
  await testDb.prisma.$executeRaw`UPDATE "ApiRateLimit" SET expire = 0`;
  const fresh = createRateLimiter(testDb.prisma, 60); // an instance that has not blocked user:1 in memory
  assert.deepEqual(await fresh.take("user:1"), { ok: true });
});

test("when the database cannot answer, an instance limits on its own instead of failing the request", async () => {
  const down = { $queryRawUnsafe: () => Promise.reject(Object.assign(new Error("Connection terminated"), { code: "ECONNRESET" })) };
  const limiter = createRateLimiter(down as never, 5);
  for (let i = 0; i < 5; i++) assert.deepEqual(await limiter.take("user:1"), { ok: true });
  assert.equal((await limiter.take("user:1")).ok, false);
});
