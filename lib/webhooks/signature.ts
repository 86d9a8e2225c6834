// Standard Webhooks v1 signatures (standard-webhooks/standard-webhooks, spec/standard-webhooks.md):
// HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${raw body}`, base64, written "v1,<sig>".
// The header may hold several space-separated signatures, so a sender can sign with an old and a
// new secret while receivers move from one to the other. node:crypto does the HMAC and the
// constant-time comparison; this file only knows the format.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Timestamps further than this from our clock, either way, are refused: a replayed message is stale. */
export const TOLERANCE_SECONDS = 5 * 60;

export type Rejection = "invalid signature" | "stale timestamp";

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

const PREFIX = "whsec_";

/** A new secret, 32 random bytes, in the spec's `whsec_<base64>` form. */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

function signature(secret: string, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac("sha256", key(secret)).update(`${id}.${timestamp}.`).update(body).digest();
}

/** The three headers for one attempt, signed with every given secret. */
export function sign(secrets: string[], id: string, timestampSeconds: number, body: string | Buffer): SignedHeaders {
  const raw = typeof body === "string" ? Buffer.from(body) : body;
  const timestamp = String(timestampSeconds);
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": secrets.map((s) => `v1,${signature(s, id, timestamp, raw).toString("base64")}`).join(" "),
  };
}

/**
 * Whether a request was signed by a holder of one of `secrets`, recently. It says no more than
 * which of two things is wrong, so a forger learns nothing about what would have passed.
 */
export function verify(
  secrets: string[],
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  body: Buffer,
  nowMs = Date.now(),
): Rejection | null {
  const { id, timestamp, signature: header } = headers;
  if (!id || !timestamp || !header || secrets.length === 0) return "invalid signature";
  if (!/^\d{1,12}$/.test(timestamp)) return "invalid signature";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return "stale timestamp";
  const offered = header
    .split(" ")
    .filter((part) => part.startsWith("v1,"))
    .map((part) => Buffer.from(part.slice(3), "base64"));
  for (const secret of secrets) {
    const expected = signature(secret, id, timestamp, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) return null;
  }
  return "invalid signature";
}

/** Secrets from a setting: one, or several separated by spaces or commas (during a rotation). */
export function secretsFrom(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter(Boolean);
}
