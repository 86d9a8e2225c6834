import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { openTestPrisma } from "../testing/test-prisma.ts";
import { createUser } from "../users/create-user.ts";
import { authenticate } from "./authenticate.ts";
import { THROTTLE } from "./throttle.ts";

const testDb = openTestPrisma();

const uniqueEmail = () => `user-${randomUUID()}@example.com`;
const uniqueIp = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const PASSWORD = "correct horse battery";

test("the right password signs in, with the email compared case-insensitively", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const result = await authenticate(testDb.prisma, { email: `  ${email.toUpperCase()} `, password: PASSWORD }, uniqueIp());
  assert.equal(result.ok, true);
  assert.equal(result.ok && result.user.email, email);
});

test("wrong password and unknown email give the same answer", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const wrong = await authenticate(testDb.prisma, { email, password: "not the password" }, uniqueIp());
  const unknown = await authenticate(testDb.prisma, { email: uniqueEmail(), password: "not the password" }, uniqueIp());
  assert.deepEqual(wrong, { ok: false, reason: "invalid" });
  assert.deepEqual(unknown, wrong);
});

test("repeated failures for one email are slowed down, even with the right password, from any IP", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  for (let i = 0; i < THROTTLE.freeFailures.email; i++) {
    assert.deepEqual(await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp()), { ok: false, reason: "invalid" });
  }
  // The attempt that crosses the limit still fails as invalid; from then on, the email must wait.
  await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp());
  const blocked = await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp());
  assert.equal(blocked.ok, false);
  assert.equal(!blocked.ok && blocked.reason, "throttled");
  assert.ok(!blocked.ok && blocked.reason === "throttled" && blocked.retryAfterSeconds >= 1);
});

test("repeated failures from one IP are slowed down across emails", async () => {
  const ip = uniqueIp();
  for (let i = 0; i <= THROTTLE.freeFailures.ip; i++) {
    await authenticate(testDb.prisma, { email: uniqueEmail(), password: "guess" }, ip);
  }
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const blocked = await authenticate(testDb.prisma, { email, password: PASSWORD }, ip);
  assert.equal(!blocked.ok && blocked.reason, "throttled");
  const elsewhere = await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp());
  assert.equal(elsewhere.ok, true, "another IP is not affected");
});

test("a successful sign-in clears the email's failures", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  for (let i = 0; i < THROTTLE.freeFailures.email - 1; i++) await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp());
  assert.equal((await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp())).ok, true);
  for (let i = 0; i < THROTTLE.freeFailures.email - 1; i++) await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp());
  assert.equal((await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp())).ok, true);
});

test("signing up twice with one email makes one account", async () => {
  const email = uniqueEmail();
  const results = await Promise.all(Array.from({ length: 5 }, () => createUser(testDb.prisma, { email, password: PASSWORD })));
  assert.equal(results.filter((r) => r.ok).length, 1);
  assert.deepEqual(results.filter((r) => !r.ok), Array(4).fill({ ok: false, reason: "email-taken" }));
  assert.equal(await testDb.prisma.user.count({ where: { email } }), 1);
  assert.deepEqual(await createUser(testDb.prisma, { email: email.toUpperCase(), password: PASSWORD }), { ok: false, reason: "email-taken" });
});
