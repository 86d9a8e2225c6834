// Inbox retention on two instances at once (two connection pools on the real server): each batch
// skips rows the other is deleting, so together they delete every expired row once, and no
// recent one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createPrismaClient } from "../db/create-client.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { deleteExpiredInbox } from "./receive.ts";

const testDb = openTestPrisma();

test("two instances clean the inbox together: every expired row deleted once, recent ones kept", async () => {
  const db = testDb.prisma;
  const old = new Date(Date.now() - 8 * 24 * 60 * 60_000);
  await db.$executeRaw`
    INSERT INTO "InboxMessage" (source, "messageId", type, outcome, "receivedAt")
    SELECT 'provider', 'expired_' || g, 'operation.succeeded', 'applied', ${old} FROM generate_series(1, 20000) g`;
  await db.$executeRaw`
    INSERT INTO "InboxMessage" (source, "messageId", type, outcome) SELECT 'provider', 'recent_' || g, 'operation.succeeded', 'applied' FROM generate_series(1, 50) g`;
  const a = createPrismaClient(testDb.database.url, 2);
  const b = createPrismaClient(testDb.database.url, 2);
  try {
    const retention = { retentionMs: 7 * 24 * 60 * 60_000, batchSize: 200 };
    const [byA, byB] = await Promise.all([deleteExpiredInbox(a, retention), deleteExpiredInbox(b, retention)]);
    assert.equal(byA + byB, 20000, `each expired row deleted once (${byA} + ${byB})`);
    assert.ok(byA > 0 && byB > 0, `both instances took part (${byA}, ${byB})`);
  } finally {
    await a.$disconnect();
    await b.$disconnect();
  }
  assert.equal(await db.inboxMessage.count({ where: { messageId: { startsWith: "expired_" } } }), 0);
  assert.equal(await db.inboxMessage.count({ where: { messageId: { startsWith: "recent_" } } }), 50);
});
