// Who may use the sandbox's /admin endpoints: a caller holding its admin token, on a request
// addressed to the sandbox's own loopback name. The Host check stops a web page from reaching the
// sandbox through DNS rebinding (a name of the attacker's that resolves to 127.0.0.1 sends that
// name as Host); the token stops every other local process and page that cannot read .data/.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type http from "node:http";

export function newAdminToken(): string {
  return randomBytes(24).toString("base64url");
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function adminRequestAllowed(req: http.IncomingMessage, token: string, port: number): { ok: true } | { ok: false; status: 401 | 421; error: string } {
  const host = (req.headers.host ?? "").toLowerCase();
  const [, name, hostPort] = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host) ?? [];
  if (!name || !LOOPBACK_NAMES.has(name) || Number(hostPort ?? 80) !== port) return { ok: false, status: 421, error: "misdirected_request" };
  const offered = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) return { ok: false, status: 401, error: "admin_token_required" };
  return { ok: true };
}

/**
 * The sandbox's answer to a health check's challenge: proof that it holds the client's secret,
 * without revealing it. The app shares a sandbox that is already running only when the proof holds.
 */
export function clientProof(clientSecret: string, challenge: string): string {
  return createHmac("sha256", clientSecret).update(`sandbox-health:${challenge}`).digest("base64url");
}
