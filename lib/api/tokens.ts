// Personal access tokens. The secret is 32 random bytes, shown once; the database keeps its
// SHA-256 (a random 256-bit secret needs no slow hash: there is nothing to guess) and a short
// prefix so the user can tell tokens apart.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { SAVE_TRANSACTION } from "@/lib/save-once/save-once.ts";
import type { TokenInput } from "@/lib/validations/token.ts";

const TOKEN_PREFIX = "ddk_";
const DAY_MS = 86_400_000;
/** Writing "last used" on every request would turn each read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new secret and what is stored of it. */
export function newTokenSecret() {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX.length + 6), secretHash: hashSecret(secret) };
}

export type CreateTokenResult =
  | { status: "created"; secret: string; token: { id: string; name: string; prefix: string; expiresAt: Date } }
  /** This form's token was already made (a double submit, Back): its secret was shown once, never again. */
  | { status: "replay"; token: { id: string; name: string } }
  | { status: "refused" }
  /** The user already has MAX_ACTIVE_TOKENS live tokens. */
  | { status: "limit" };

/** Live (unexpired, unrevoked) tokens a user may hold: each token is a way in to guard. */
export const MAX_ACTIVE_TOKENS = 50;

/**
 * Creates a token by the form's browser-made ID, so a repeated submit makes no second token. The
 * count and the insert run under a lock on the user's tokens, so simultaneous creations cannot
 * pass the limit together.
 */
export async function createToken(db: PrismaClient, userId: string, input: TokenInput, now = new Date()): Promise<CreateTokenResult> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tokens:${userId}`}::text, 0))::text`;
    const existing = await tx.apiToken.findUnique({ where: { id: input.id }, select: { id: true, name: true, userId: true } });
    if (existing) return existing.userId === userId ? { status: "replay", token: { id: existing.id, name: existing.name } } : { status: "refused" };
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null, expiresAt: { gt: now } } });
    if (active >= MAX_ACTIVE_TOKENS) return { status: "limit" };
    return insertToken(tx, userId, input, now);
  }, SAVE_TRANSACTION);
}

async function insertToken(db: Prisma.TransactionClient, userId: string, input: TokenInput, now: Date): Promise<CreateTokenResult> {
  const { secret, prefix, secretHash } = newTokenSecret();
  const data = {
    id: input.id,
    userId,
    name: input.name,
    prefix,
    secretHash,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
  };
  // The lock above is per user; another user's simultaneous insert of this ID is caught here.
  const { count } = await db.apiToken.createMany({ data: [data], skipDuplicates: true });
  if (count === 1) return { status: "created", secret, token: { id: data.id, name: data.name, prefix: data.prefix, expiresAt: data.expiresAt } };
  return { status: "refused" };
}

export function listTokens(db: PrismaClient, userId: string) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

/** Revokes one of the user's tokens; the next request with it is refused. */
export async function revokeToken(db: PrismaClient, userId: string, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** The user a bearer secret belongs to, or null when it is unknown, expired or revoked. */
export async function authenticateToken(db: PrismaClient, secret: string, now = new Date()): Promise<{ userId: string; tokenId: string } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
  const token = await db.apiToken.findUnique({
    where: { secretHash: hashSecret(secret) },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt || token.expiresAt <= now) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { userId: token.userId, tokenId: token.id };
}
