// Standard Webhooks v1 signatures (standard-webhooks/standard-webhooks, spec/standard-webhooks.md):
// HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${raw body}`, base64, written "v1,<sig>".
// The header may hold several space-separated signatures, so a sender can sign with an old and a
// new secret while receivers move from one to the other. node:crypto does the HMAC and the
// constant-time comparison; this file only knows the format.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Timestamps further than this from our clock, either way, are refused: a replayed message is stale. */
const TOLERANCE_SECONDS = 5 * 60;

export type Rejection = "invalid signature" | "stale timestamp";

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

const PREFIX = "whsec_";
/** The spec's lower bound for a secret's key; a shorter one is guessable. */
const MIN_SECRET_BYTES = 24;

/** A new secret, 32 random bytes, in the spec's `whsec_<base64>` form. */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** The key inside `whsec_<base64>`, or null when the secret is not that form or too short to be safe. */
function key(secret: string): Buffer | null {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : "";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const bytes = Buffer.from(encoded, "base64");
  return bytes.length >= MIN_SECRET_BYTES ? bytes : null;
}

function keyOrThrow(secret: string): Buffer {
  const bytes = key(secret);
  if (!bytes) throw new Error(`a webhook secret must be "${PREFIX}" followed by at least ${MIN_SECRET_BYTES} bytes in base64`);
  return bytes;
}

function signature(secret: string, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac("sha256", keyOrThrow(secret)).update(`${id}.${timestamp}.`).update(body).digest();
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
  // A weak secret never verifies anything, even if a setting slipped past the start-up check.
  for (const secret of secrets.filter((s) => key(s) !== null)) {
    const expected = signature(secret, id, timestamp, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) return null;
  }
  return "invalid signature";
}

/**
 * Secrets from a setting: one, or several separated by spaces or commas (during a rotation). Throws,
 * naming the setting, when one is not `whsec_` plus at least 24 bytes: the app and the sandbox call
 * this at start-up and refuse to run with a key an attacker could guess (or an empty one).
 */
export function secretsFrom(value: string | undefined, setting = "PROVIDER_WEBHOOK_SECRET"): string[] {
  const secrets = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const [i, secret] of secrets.entries()) {
    if (!key(secret))
      throw new Error(
        `${setting}: secret ${i + 1} of ${secrets.length} is not "${PREFIX}" followed by at least ${MIN_SECRET_BYTES} bytes in base64 (make one with: node -e "console.log('whsec_'+require('crypto').randomBytes(32).toString('base64'))")`,
      );
  }
  return secrets;
}
