// For API tests: tokens made straight in the database, and requests that carry them.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { newTokenSecret } from "../../lib/api/tokens.ts";
import { newId } from "../../lib/ids.ts";
import { countRows, sql } from "./db.ts";

export async function seedToken(userId: string, options: { expiresInMs?: number; revoked?: boolean } = {}): Promise<string> {
  const { secret, prefix, secretHash } = newTokenSecret();
  await sql(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "secretHash", "expiresAt", "revokedAt") VALUES ($1, $2, 'test', $3, $4, $5, $6)`, [
    newId(),
    userId,
    prefix,
    secretHash,
    new Date(Date.now() + (options.expiresInMs ?? 86_400_000)),
    options.revoked ? new Date() : null,
  ]);
  return secret;
}

export interface ApiClient {
  post(path: string, body: unknown, options?: { key?: string | null; headers?: Record<string, string> }): Promise<APIResponse>;
  get(path: string): Promise<APIResponse>;
}

export function apiClient(request: APIRequestContext, token: string): ApiClient {
  const auth = { authorization: `Bearer ${token}` };
  return {
    post: (path, body, { key = randomUUID(), headers = {} } = {}) =>
      request.post(`/api/v1${path}`, {
        headers: { ...auth, "content-type": "application/json", ...(key === null ? {} : { "idempotency-key": key }), ...headers },
        // A Buffer goes out as it is; Playwright would JSON-encode a string sent as JSON.
        data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
      }),
    get: (path) => request.get(`/api/v1${path}`, { headers: auth }),
  };
}

/** Every row an API request of this user could write. */
export async function writtenRows(userId: string) {
  const [customers, orders, keys] = await Promise.all([
    countRows("Customer", `"ownerId" = $1`, [userId]),
    countRows("Order", `"ownerId" = $1`, [userId]),
    countRows("IdempotencyKey", `"userId" = $1`, [userId]),
  ]);
  return { customers, orders, keys };
}
