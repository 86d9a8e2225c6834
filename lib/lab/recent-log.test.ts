// The Lab's logs live in the database, so every instance shows the same: newest first, within the
// window, at most maxPerUser, each user's own, and a write that fails never fails the request.
import assert from "node:assert/strict";
import { test } from "node:test";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { deleteExpiredLabLogs, LAB_LOG_RETENTION_MS, recentLog } from "./recent-log.ts";

const testDb = openTestPrisma();

test("a log written through one connection is read through another: window, order, cap and owner", async () => {
  const db = testDb.prisma;
  const [ann, bob] = [await seedOwner(db), await seedOwner(db)];
  const log = recentLog<{ at: number; n: number }>("test", { windowMs: 60_000, maxPerUser: 3 });
  const now = Date.now();
  await log.add(db, ann, { at: now - 90_000, n: 0 }); // outside the window
  for (let n = 1; n <= 4; n++) await log.add(db, ann, { at: now - 10_000 + n, n });
  await log.add(db, bob, { at: now, n: 99 });
  assert.deepEqual(
    (await log.recent(db, ann, now)).map((e) => e.n),
    [4, 3, 2],
  );
  assert.deepEqual(
    (await log.recent(db, bob, now)).map((e) => e.n),
    [99],
  );
  assert.equal(await db.labLogEntry.count({ where: { userId: ann } }), 4, "the user's expired entry went with the next write");

  await db.labLogEntry.updateMany({ where: { userId: bob }, data: { at: new Date(now - LAB_LOG_RETENTION_MS - 1) } });
  assert.equal(await deleteExpiredLabLogs(db, now), 1, "an idle user's old entries are cleaned up");
});

test("a log write that fails is reported and swallowed", async () => {
  const broken = { $executeRaw: () => Promise.reject(new Error("connection terminated")), $queryRaw: () => Promise.resolve([]) };
  const log = recentLog<{ at: number }>("test", { windowMs: 60_000, maxPerUser: 3 });
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    await log.add(broken as never, "00000000-0000-7000-8000-000000000000", { at: Date.now() });
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 1);
});
