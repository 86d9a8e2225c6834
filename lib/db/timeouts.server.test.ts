// Needs a real PostgreSQL server (TEST_DATABASE_URL): the embedded database (PGlite, one thread)
// neither takes settings from the connection's start-up nor cancels a statement that runs too long.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { createPrismaClient, databaseTimeouts } from "./create-client.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

const testDb = openTestPrisma();

test("every connection carries the statement time limit", async () => {
  const [row] = await testDb.prisma.$queryRaw<{ limit: string }[]>`SELECT current_setting('statement_timeout') AS limit`;
  assert.equal(row.limit, `${databaseTimeouts().statementMs / 1000}s`);
});

test("a statement past the limit is cancelled by the server, as a retryable error", async () => {
  const db = createPrismaClient(testDb.database.url, 1, { connectMs: 5_000, statementMs: 200 });
  try {
    const started = Date.now();
    const error = await db.$queryRaw`SELECT pg_sleep(3)::text`.then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error, "the statement was cancelled");
    assert.ok(Date.now() - started < 2_500, `cancelled after ${Date.now() - started} ms`);
    assert.ok(isDatabaseUnavailable(error), String(error));
  } finally {
    await db.$disconnect();
  }
});
