// The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header) and the request
// fingerprint a stored key is compared with.
import { createHash } from "node:crypto";
import { settings } from "@/lib/settings/settings.ts";

/**
 * Keys kept 24 h by default; a running request holds its key for at most 30 s; a repeat that
 * finds its key running waits up to 2 s for the answer before it is told to come back.
 */
export const IDEMPOTENCY = {
  ttlMs: settings().IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
  leaseMs: settings().IDEMPOTENCY_LEASE_SECONDS * 1_000,
  inProgressWaitMs: settings().IDEMPOTENCY_IN_PROGRESS_WAIT_MS,
} as const;

export type IdempotencyConfig = { ttlMs: number; leaseMs: number; inProgressWaitMs: number };

/** The header that advertises when a key's stored answer is forgotten (an HTTP date). */
export const KEY_EXPIRES_HEADER = "Idempotency-Key-Expires";

export type ParsedKey = { ok: true; key: string } | { ok: false; reason: "missing" | "invalid" };

/**
 * The draft defines the value as a structured-field string ("…"); most clients send a bare token.
 * Both are accepted and mean the same key.
 */
export function parseIdempotencyKey(header: string | null): ParsedKey {
  if (header === null) return { ok: false, reason: "missing" };
  let key = header.trim();
  if (key.startsWith('"')) {
    if (key.length < 2 || !key.endsWith('"')) return { ok: false, reason: "invalid" };
    const inner = key.slice(1, -1);
    // An sf-string escapes only \ and "; anything else after a backslash is malformed.
    if (/\\[^\\"]|\\$/.test(inner.replace(/\\[\\"]/g, ""))) return { ok: false, reason: "invalid" };
    key = inner.replace(/\\([\\"])/g, "$1");
  }
  if (key.length === 0 || key.length > 255 || !/^[\x20-\x7e]+$/.test(key)) return { ok: false, reason: "invalid" };
  return { ok: true, key };
}

/** JSON with object keys sorted at every level: two bodies that mean the same are the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * SHA-256 of the canonical body, leaving out `confirmDuplicateOf`: resending a "possible duplicate"
 * with the confirmation is the same request, decided.
 */
export function requestFingerprint(body: unknown): string {
  const rest =
    body && typeof body === "object" && !Array.isArray(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== "confirmDuplicateOf")) : body;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
