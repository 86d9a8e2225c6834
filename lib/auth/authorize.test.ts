import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { createUser } from "../users/create-user.ts";
import { authorizeCredentials } from "./authorize.ts";

const testDb = openTestPrisma();
const FIXED = /^(invalid|busy|unavailable|throttled:\d+)$/;

async function thrownMessage(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof Error, "it threw");
  return error.message;
}

test("the right password gives the user; a wrong one throws only the fixed code", async () => {
  const email = `authz-${randomUUID()}@example.com`;
  await createUser(testDb.prisma, { email, password: "correct horse battery" });
  const headers = { "x-forwarded-for": "203.0.113.50" };
  assert.equal((await authorizeCredentials(() => testDb.prisma, { email, password: "correct horse battery" }, headers)).email, email);
  assert.equal(await thrownMessage(() => authorizeCredentials(() => testDb.prisma, { email, password: "nope" }, headers)), "invalid");
});

test("a database error never reaches the message next-auth puts in the URL", async () => {
  // What a failing database looks like from here: a driver error naming tables and values.
  const failing = new Proxy({} as PrismaClient, {
    get: () => () =>
      Promise.reject(new Error('(simulated by authorize.test.ts) 54000 index row size 2712 exceeds btree maximum for index "AuthThrottle_pkey"')),
  });
  const message = await thrownMessage(() => authorizeCredentials(() => failing, { email: "a@example.com", password: "x" }, {}));
  assert.equal(message, "unavailable");
});

test("hostile headers and credentials give only fixed codes", async () => {
  for (const [credentials, headers] of [
    [{ email: "a@example.com", password: "x" }, { "x-forwarded-for": "9".repeat(3000) }],
    [{ email: `${"a".repeat(3000)}@example.com`, password: "x" }, {}],
    [{ email: { $ne: 1 }, password: ["x"] }, { "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] }],
    [undefined, undefined],
  ] as const) {
    assert.match(
      await thrownMessage(() =>
        authorizeCredentials(() => testDb.prisma, credentials as Record<string, unknown> | undefined, headers as Record<string, unknown> | undefined),
      ),
      FIXED,
    );
  }
});
