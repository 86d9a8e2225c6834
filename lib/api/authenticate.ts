// Who is calling: a personal access token (Authorization: Bearer …) or, for the app's own pages,
// the signed-in session. A request that names a token is judged by the token alone.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
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
    return { ok: true, userId: token.userId, rateKey: `token:${token.tokenId}` };
  }
  const userId = await sessionUserId();
  // A session cookie rides along with any request the browser makes, so writes must come from our
  // own pages. A cross-site page cannot send JSON without a preflight anyway; this refuses one
  // plainly. Browsers send Sec-Fetch-Site; a client without it is not a browser being tricked.
  const site = request.headers.get("sec-fetch-site");
  if (userId && (request.method === "GET" || site === null || site === "same-origin")) {
    return { ok: true, userId, rateKey: `user:${userId}` };
  }
  return refuse("Send a personal access token as `Authorization: Bearer <token>`; create one at /settings/tokens.");
}

function refuse(detail: string, error?: string): Caller {
  return { ok: false, result: problem("unauthorized", detail, {}, { "WWW-Authenticate": error ? `${REALM}, ${error}` : REALM }) };
}
