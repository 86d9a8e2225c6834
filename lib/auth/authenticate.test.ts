import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { createUser } from "../users/create-user.ts";
import { signUp } from "../users/sign-up.ts";
import { authenticate } from "./authenticate.ts";
import { createHashGate, HashGateBusy, withHashSlot } from "./hash-gate.ts";
import { claimAttempt, deleteExpiredThrottles, THROTTLE, throttleKey } from "./throttle.ts";

const testDb = openTestPrisma();

const uniqueEmail = () => `user-${randomUUID()}@example.com`;
let lastOctets = 0;
const uniqueIp = () => {
  lastOctets += 1;
  return `10.${(lastOctets >> 16) & 255}.${(lastOctets >> 8) & 255}.${lastOctets & 255}`;
};
const PASSWORD = "correct horse battery";
const attempts = (ip: string) => testDb.prisma.authThrottle.findUnique({ where: { key: throttleKey("ip", ip) } }).then((r) => r?.failures ?? 0);

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

test("after the free failures for one email, it must wait, even with the right password, from any IP", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  for (let i = 0; i < THROTTLE.email.free; i++) {
    assert.deepEqual(await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp()), { ok: false, reason: "invalid" });
  }
  const blocked = await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp());
  assert.equal(!blocked.ok && blocked.reason, "throttled");
  assert.ok(!blocked.ok && blocked.reason === "throttled" && blocked.retryAfterSeconds >= 1);
});

test("a burst of simultaneous attempts on one account is throttled as a sequence would be, without hashing the excess", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const hashesBefore = withHashSlot.started();
  // 39 wrong guesses and the right password, all at once, from 40 addresses.
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => authenticate(testDb.prisma, { email, password: i === 39 ? PASSWORD : `guess ${i}` }, uniqueIp())),
  );
  const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
  const checked = reasons.filter((r) => r !== "throttled").length;
  assert.equal(checked, THROTTLE.email.free, `only the free allowance is checked: ${reasons.join(",")}`);
  assert.equal(reasons.filter((r) => r === "throttled").length, 40 - THROTTLE.email.free);
  assert.equal(withHashSlot.started() - hashesBefore, THROTTLE.email.free, "throttled attempts cost no hash");
});

test("failures from one address are throttled across emails; other addresses are not affected", async () => {
  const ip = uniqueIp();
  const results = [];
  for (let i = 0; i < THROTTLE.ip.free + 3; i++) results.push(await authenticate(testDb.prisma, { email: uniqueEmail(), password: "guess" }, ip));
  assert.equal(results.filter((r) => !r.ok && r.reason === "invalid").length, THROTTLE.ip.free);
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const blocked = await authenticate(testDb.prisma, { email, password: PASSWORD }, ip);
  assert.equal(!blocked.ok && blocked.reason, "throttled");
  const elsewhere = await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp());
  assert.equal(elsewhere.ok, true, "another address is not affected");
});

test("an IPv6 client cannot escape the address throttle by rotating through its /64", async () => {
  const results = [];
  for (let i = 0; i < THROTTLE.ip.free + 1; i++) {
    results.push(await authenticate(testDb.prisma, { email: uniqueEmail(), password: "guess" }, `2001:db8:77:1::${(i + 1).toString(16)}`));
  }
  const last = results.at(-1)!;
  assert.equal(!last.ok && last.reason, "throttled");
});

test("a successful sign-in clears the email's failures and gives back its address's attempt", async () => {
  const email = uniqueEmail();
  const ip = uniqueIp();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  for (let i = 0; i < THROTTLE.email.free - 1; i++) await authenticate(testDb.prisma, { email, password: "guess" }, ip);
  assert.equal((await authenticate(testDb.prisma, { email, password: PASSWORD }, ip)).ok, true);
  assert.equal(await attempts(ip), THROTTLE.email.free - 1, "only the failures count against the address");
  for (let i = 0; i < THROTTLE.email.free - 1; i++) await authenticate(testDb.prisma, { email, password: "guess" }, uniqueIp());
  assert.equal((await authenticate(testDb.prisma, { email, password: PASSWORD }, uniqueIp())).ok, true);
});

test("a success racing failures never throws", async () => {
  for (let round = 0; round < 10; round++) {
    const email = uniqueEmail();
    await createUser(testDb.prisma, { email, password: PASSWORD });
    const results = await Promise.all([PASSWORD, "wrong", PASSWORD, "wrong"].map((password) => authenticate(testDb.prisma, { email, password }, uniqueIp())));
    assert.ok(results.some((r) => r.ok));
  }
});

test("oversized input is refused as invalid before anything is counted or hashed", async () => {
  const hashesBefore = withHashSlot.started();
  const ip = uniqueIp();
  for (const input of [
    { email: `${"a".repeat(3000)}@example.com`, password: "x" },
    { email: uniqueEmail(), password: "p".repeat(3000) },
    { email: ["a"], password: {} },
  ]) {
    assert.deepEqual(await authenticate(testDb.prisma, input, ip), { ok: false, reason: "invalid" });
  }
  assert.equal(withHashSlot.started(), hashesBefore);
  assert.equal(await attempts(ip), 0);
});

test("the hash gate runs at most its concurrency at once and refuses past its queue", async () => {
  const gate = createHashGate({ concurrency: 1, maxQueued: 1 });
  let running = 0;
  let most = 0;
  const work = () =>
    gate(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return "done";
    });
  const results = await Promise.allSettled(Array.from({ length: 5 }, work));
  assert.equal(most, 1);
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "fulfilled", "rejected", "rejected", "rejected"],
  );
  assert.ok(results.every((r) => r.status === "fulfilled" || r.reason instanceof HashGateBusy));
  assert.equal(gate.started(), 2);
});

test("signing up twice with one email makes one account", async () => {
  const email = uniqueEmail();
  const results = await Promise.all(Array.from({ length: 5 }, () => createUser(testDb.prisma, { email, password: PASSWORD })));
  assert.equal(results.filter((r) => r.ok).length, 1);
  assert.deepEqual(
    results.filter((r) => !r.ok),
    Array(4).fill({ ok: false, reason: "email-taken" }),
  );
  assert.equal(await testDb.prisma.user.count({ where: { email } }), 1);
  assert.deepEqual(await createUser(testDb.prisma, { email: email.toUpperCase(), password: PASSWORD }), { ok: false, reason: "email-taken" });
});

test("sign-ups are limited per address, simultaneous ones included", async () => {
  const ip = uniqueIp();
  const results = await Promise.all(
    Array.from({ length: THROTTLE.signup.free + 5 }, () => signUp(testDb.prisma, { email: uniqueEmail(), password: PASSWORD }, ip)),
  );
  assert.equal(results.filter((r) => r.ok).length, THROTTLE.signup.free);
  assert.equal(results.filter((r) => !r.ok && r.reason === "throttled").length, 5);
  assert.equal(await attempts(ip), 0, "accounts made are not sign-in failures");
  assert.equal((await signUp(testDb.prisma, { email: uniqueEmail(), password: PASSWORD }, uniqueIp())).ok, true, "another address is not affected");
});

test("finding out that an email has an account costs a sign-in attempt, at sign-up as at sign-in", async () => {
  const email = uniqueEmail();
  await createUser(testDb.prisma, { email, password: PASSWORD });
  const ip = uniqueIp();
  assert.deepEqual(await signUp(testDb.prisma, { email, password: "another password" }, ip), { ok: false, reason: "email-taken" });
  assert.equal(await attempts(ip), 1);
  // An address throttled at sign-in is throttled at sign-up too.
  for (let i = 0; i < THROTTLE.ip.free; i++) await authenticate(testDb.prisma, { email: uniqueEmail(), password: "guess" }, ip);
  const probe = await signUp(testDb.prisma, { email, password: "another password" }, ip);
  assert.equal(!probe.ok && probe.reason, "throttled");
});

test("expired throttle rows are deleted in batches; live and locked ones stay", async () => {
  // Other tests' rows are minutes old at most, so only this test's old rows are expired.
  const now = new Date();
  const hourAgo = new Date(now.getTime() - 2 * 3600_000);
  const old = Array.from({ length: 25 }, (_, i) => ({ key: `ip:cleanup-old-${i}`, failures: 3, windowStart: hourAgo }));
  await testDb.prisma.authThrottle.createMany({
    data: [
      ...old,
      { key: "ip:cleanup-live", failures: 1, windowStart: now },
      { key: "ip:cleanup-locked", failures: 40, windowStart: hourAgo, lockedUntil: new Date(now.getTime() + 60_000) },
    ],
  });
  assert.equal(await deleteExpiredThrottles(testDb.prisma, { now, batchSize: 10 }), 25);
  const left = await testDb.prisma.authThrottle.findMany({ where: { key: { startsWith: "ip:cleanup-" } }, select: { key: true } });
  assert.deepEqual(left.map((r) => r.key).sort(), ["ip:cleanup-live", "ip:cleanup-locked"]);
});

test("a window's attempts stop counting once it has passed", async () => {
  const ip = uniqueIp();
  const start = new Date("2030-02-01T00:00:00Z");
  for (let i = 0; i < THROTTLE.signup.free; i++) assert.equal((await claimAttempt(testDb.prisma, "signup", ip, start)).ok, true);
  const refused = await claimAttempt(testDb.prisma, "signup", ip, new Date(start.getTime() + 1000));
  assert.deepEqual(refused, { ok: false, retryAfterSeconds: THROTTLE.signup.windowSeconds - 1 });
  assert.deepEqual(await claimAttempt(testDb.prisma, "signup", ip, new Date(start.getTime() + THROTTLE.signup.windowSeconds * 1000)), { ok: true });
});
