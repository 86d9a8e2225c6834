// Who is calling: a personal access token (Authorization: Bearer …) or, for the app's own pages,
// the signed-in session. A request that names a token is judged by the token alone.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isCrossSite } from "@/lib/net/same-origin.ts";
import { authenticateToken } from "./tokens.ts";
import { problem, type ApiResult } from "./result.ts";

export type Caller = { ok: true; userId: string; rateKey: string } | { ok: false; result: ApiResult };

const REALM = 'Bearer realm="dedupe-desk"';

export async function authenticateApiRequest(
  db: PrismaClient,
  request: Request,
  sessionUserId: () => Promise<string | null>,
  now = new Date(),
): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization.trim());
    if (!match) return refuse("The Authorization header must be `Bearer <token>`.", 'error="invalid_request"');
    const token = await authenticateToken(db, match[1], now);
    if (!token) return refuse("The token is unknown, expired or revoked.", 'error="invalid_token"');
    // The limit is the user's, whichever of their tokens (or their session) is used: more tokens
    // must not mean more requests.
    return { ok: true, userId: token.userId, rateKey: `user:${token.userId}` };
  }
  const userId = await sessionUserId();
  // With the session cookie, writes must come from our own pages. A cross-site page cannot send
  // JSON without a preflight anyway; this refuses one plainly.
  if (userId && (request.method === "GET" || !isCrossSite(request))) {
    return { ok: true, userId, rateKey: `user:${userId}` };
  }
  return refuse("Send a personal access token as `Authorization: Bearer <token>`; create one at /settings/tokens.");
}

function refuse(detail: string, error?: string): Caller {
  return { ok: false, result: problem("unauthorized", detail, {}, { "WWW-Authenticate": error ? `${REALM}, ${error}` : REALM }) };
}
