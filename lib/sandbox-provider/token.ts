// Bearer tokens for the client-credentials grant. A token is its expiry signed with a key derived
// from the client secret, so tokens survive a restart of the sandbox without being stored.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

const sign = (c: Credentials, expiresAt: number) => createHmac("sha256", c.clientSecret).update(`token:${c.clientId}:${expiresAt}`).digest("base64url");

export function issueToken(c: Credentials, ttlSeconds: number, now = Date.now()): { token: string; expiresIn: number } {
  const expiresAt = now + ttlSeconds * 1000;
  return { token: `${expiresAt}.${sign(c, expiresAt)}`, expiresIn: ttlSeconds };
}

export function tokenIsValid(c: Credentials, token: string, now = Date.now()): boolean {
  const [expiry, signature, extra] = token.split(".");
  const expiresAt = Number(expiry);
  if (extra !== undefined || !signature || !Number.isSafeInteger(expiresAt) || expiresAt <= now) return false;
  return safeEqual(signature, sign(c, expiresAt));
}

/** HTTP Basic credentials of a token request, compared in constant time. */
export function basicAuthMatches(c: Credentials, header: string | undefined): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  // Both compared, whatever the first gives, so the time taken says nothing about which was wrong.
  const idOk = safeEqual(decoded.slice(0, colon), c.clientId);
  const secretOk = safeEqual(decoded.slice(colon + 1), c.clientSecret);
  return idOk && secretOk;
}

function safeEqual(a: string, b: string): boolean {
  const x = createHmac("sha256", "compare").update(a).digest();
  const y = createHmac("sha256", "compare").update(b).digest();
  return timingSafeEqual(x, y);
}
