import assert from "node:assert/strict";
import { test } from "node:test";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { deleteExpiredSessions, endSession, sessionUser, startSession } from "./sessions.ts";

const testDb = openTestPrisma();

test("a session is signed in until it is ended or expires; ending one leaves the user's others alone", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const [laptop, phone] = [await startSession(db, owner, 3600), await startSession(db, owner, 3600)];
  assert.equal((await sessionUser(db, owner, laptop))?.id, owner);
  await endSession(db, laptop);
  assert.equal(await sessionUser(db, owner, laptop), null, "the ended session's cookie opens nothing");
  assert.equal((await sessionUser(db, owner, phone))?.id, owner, "the other device stays signed in");
  assert.equal(await sessionUser(db, owner, undefined), null, "a cookie from before sessions were kept names none");
  const other = await seedOwner(db);
  assert.equal(await sessionUser(db, other, phone), null, "a session belongs to its user only");

  const expired = await startSession(db, owner, -1);
  assert.equal(await sessionUser(db, owner, expired), null);
  assert.ok((await deleteExpiredSessions(db)) >= 1);
  assert.equal(await db.userSession.count({ where: { id: expired } }), 0);
  assert.equal(await db.userSession.count({ where: { id: phone } }), 1);
});
