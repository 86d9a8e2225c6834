import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { authenticateToken, createToken, hashSecret, listTokens, MAX_ACTIVE_TOKENS, revokeToken } from "./tokens.ts";

const testDb = openTestPrisma();
const DAY = 86_400_000;

test("a token is stored only as a hash, works until it expires, and a repeated create makes no second one", async () => {
  const owner = await seedOwner(testDb.prisma);
  const now = new Date("2030-01-01T00:00:00Z");
  const input = { id: newId(), name: "CI", expiresInDays: 30 };
  const made = await createToken(testDb.prisma, owner, input, now);
  assert.equal(made.status, "created");
  if (made.status !== "created") return;
  assert.match(made.secret, /^ddk_[\w-]{43}$/);
  const row = await testDb.prisma.apiToken.findUniqueOrThrow({ where: { id: input.id } });
  assert.equal(row.secretHash, hashSecret(made.secret));
  assert.ok(!JSON.stringify(row).includes(made.secret.slice(10)), "the secret itself is not stored");
  assert.equal(row.prefix, made.secret.slice(0, 10));

  assert.deepEqual(await createToken(testDb.prisma, owner, input, now), { status: "replay", token: { id: input.id, name: "CI" } });
  assert.deepEqual(await createToken(testDb.prisma, await seedOwner(testDb.prisma), input, now), { status: "refused" });
  assert.equal((await listTokens(testDb.prisma, owner)).length, 1);

  assert.deepEqual(await authenticateToken(testDb.prisma, made.secret, new Date(now.getTime() + DAY)), { userId: owner, tokenId: input.id });
  assert.equal((await testDb.prisma.apiToken.findUniqueOrThrow({ where: { id: input.id } })).lastUsedAt?.getTime(), now.getTime() + DAY);
  assert.equal(await authenticateToken(testDb.prisma, made.secret, new Date(now.getTime() + 30 * DAY)), null, "expired");
  assert.equal(await authenticateToken(testDb.prisma, `${made.secret}x`, now), null);
  assert.equal(await authenticateToken(testDb.prisma, "not-a-token", now), null);
});

test("revoking takes effect on the next request, and only the owner can revoke", async () => {
  const [owner, other] = [await seedOwner(testDb.prisma), await seedOwner(testDb.prisma)];
  const made = await createToken(testDb.prisma, owner, { id: newId(), name: "script", expiresInDays: 1 });
  assert.equal(made.status, "created");
  if (made.status !== "created") return;
  assert.ok(await authenticateToken(testDb.prisma, made.secret));
  assert.equal(await revokeToken(testDb.prisma, other, made.token.id), false);
  assert.ok(await authenticateToken(testDb.prisma, made.secret));
  assert.equal(await revokeToken(testDb.prisma, owner, made.token.id), true);
  assert.equal(await authenticateToken(testDb.prisma, made.secret), null);
});

test(`a user holds at most ${MAX_ACTIVE_TOKENS} live tokens, even when creating them all at once; revoked and expired ones do not count`, async () => {
  const owner = await seedOwner(testDb.prisma);
  const now = new Date("2030-01-01T00:00:00Z");
  const make = (days = 30, at = now) => createToken(testDb.prisma, owner, { id: newId(), name: "bulk", expiresInDays: days }, at);
  const first = await Promise.all(Array.from({ length: MAX_ACTIVE_TOKENS + 10 }, () => make()));
  assert.equal(first.filter((r) => r.status === "created").length, MAX_ACTIVE_TOKENS);
  assert.equal(first.filter((r) => r.status === "limit").length, 10);
  assert.equal(await testDb.prisma.apiToken.count({ where: { userId: owner } }), MAX_ACTIVE_TOKENS);

  const oneMade = first.find((r) => r.status === "created")!;
  assert.ok(oneMade.status === "created" && (await revokeToken(testDb.prisma, owner, oneMade.token.id, now)));
  assert.equal((await make()).status, "created", "a revoked token frees its place");
  assert.equal((await make()).status, "limit");
  assert.equal(
    (await createToken(testDb.prisma, await seedOwner(testDb.prisma), { id: newId(), name: "x", expiresInDays: 1 }, now)).status,
    "created",
    "other users are not affected",
  );
  assert.equal((await make(30, new Date(now.getTime() + 31 * DAY))).status, "created", "expired tokens do not count");
});
