// Browser sessions that the server can end. next-auth's sessions are JWTs in a cookie, valid until
// they expire wherever a copy of the cookie is; each one here also names a row (its `sid`), and a
// session is signed in only while that row exists. Signing out deletes the row, so a cookie copied
// before then opens nothing afterwards.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import { newId } from "@/lib/ids.ts";

export async function startSession(db: PrismaClient, userId: string, maxAgeSeconds: number): Promise<string> {
  const id = newId();
  await db.userSession.create({ data: { id, userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) }, select: { id: true } });
  return id;
}

/** The user of a live session, in one query; null when the session was ended, expired or never existed. */
export async function sessionUser(db: PrismaClient, userId: string | undefined, sessionId: string | undefined): Promise<{ id: string; email: string } | null> {
  if (!userId || !sessionId) return null;
  return db.user.findFirst({ where: { id: userId, sessions: { some: { id: sessionId, expiresAt: { gt: new Date() } } } }, select: { id: true, email: true } });
}

export async function endSession(db: PrismaClient, sessionId: string | undefined): Promise<void> {
  if (sessionId) await db.userSession.deleteMany({ where: { id: sessionId } });
}

export async function deleteExpiredSessions(db: PrismaClient, batchSize = 1000): Promise<number> {
  return deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "UserSession" s USING (
      SELECT id FROM "UserSession" WHERE "expiresAt" < now() LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE s.id = batch.id`,
  );
}
