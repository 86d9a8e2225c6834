import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createPrismaClient } from "../db/create-client.ts";
import { migrate } from "../db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../tooling/testing/test-database.ts";
import { startDraining } from "./draining.ts";
import { readinessCheck, shippedMigrations } from "./readiness.ts";

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase({ migrate: false });
});
after(() => database.close());

test("the migrations shipped are the prisma/migrations directories", async () => {
  const names = await shippedMigrations();
  assert.ok(names.length > 10 && names.every((n) => /^\d{14}_/.test(n)), names.join(", "));
});

test("a database that does not answer is reported as such, without the error", async () => {
  const db = createPrismaClient("postgresql://postgres@127.0.0.1:1/none?connect_timeout=1", 1);
  try {
    assert.deepEqual(await readinessCheck(db, async () => [])(), { ready: false, reason: "database unreachable" });
  } finally {
    await db.$disconnect().catch(() => {});
  }
});

test("not ready until every shipped migration is applied; ready after; not ready once draining", async () => {
  const db = createPrismaClient(database.url, 1);
  try {
    const readiness = readinessCheck(db);
    assert.deepEqual(await readiness(), { ready: false, reason: "migrations pending" }, "a database never migrated");
    await migrate(database.url);
    const oneMore = readinessCheck(db, async () => [...(await shippedMigrations()), "29990101000000_from_a_newer_build"]);
    assert.deepEqual(await oneMore(), { ready: false, reason: "migrations pending" }, "a newer build's migration is missing");
    assert.deepEqual(await readiness(), { ready: true });
    assert.deepEqual(await readiness(), { ready: true }, "and again, by the cheap check");
    startDraining();
    assert.deepEqual(await readiness(), { ready: false, reason: "draining" });
  } finally {
    await db.$disconnect();
  }
});
