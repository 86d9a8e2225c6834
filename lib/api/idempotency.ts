// Idempotency-Key for the API's POSTs. The key is claimed in the same database transaction as the
// records the request creates, so the key exists if and only if its effect was committed:
// - a transaction-scoped advisory lock on (user, key) marks the request as running. A repeat that
//   cannot take it looks again for the stored answer, at growing intervals, for up to
//   `inProgressWaitMs` (2 s), holding no connection while it waits, and then answers 409 "in
//   progress". Copies that reach the same instance as the first, or another instance, so usually
//   get the first's answer instead of a 1 s detour. Commit, rollback, a timeout or a dead
//   connection releases the lock, so the lease is bounded by the transaction's own time limit;
// - the answer is written as the transaction's last statement; a crash or an error before commit
//   leaves neither the key nor the records, and the retry runs afresh.
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { SAVE_TRANSACTION } from "@/lib/save-once/save-once.ts";
import { IDEMPOTENCY, KEY_EXPIRES_HEADER, type IdempotencyConfig } from "./idempotency-key.ts";
import { problem, type ApiResult } from "./result.ts";
import { metrics } from "@/lib/metrics/registry.ts";

export interface KeyedRequest {
  userId: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  /** The body carries `confirmDuplicateOf`: it decides a stored "possible duplicate". */
  confirms: boolean;
}

/** What a handler answers, and how its key should remember it. */
export interface KeyedResult extends ApiResult {
  resourceId?: string;
  resourceUrl?: string;
  /** Remembered only until the client resends with a confirmation ("possible duplicate"). */
  provisional?: boolean;
}

type Db = PrismaClient | Prisma.TransactionClient;
type StoredKey = NonNullable<Awaited<ReturnType<typeof readLiveKey>>>;

export interface IdempotencyOptions {
  config?: IdempotencyConfig;
  /** The clock; tests move it. */
  now?: () => Date;
}

export async function runIdempotent(
  db: PrismaClient,
  request: KeyedRequest,
  handler: (tx: Prisma.TransactionClient) => Promise<KeyedResult>,
  { config = IDEMPOTENCY, now = () => new Date() }: IdempotencyOptions = {},
): Promise<ApiResult> {
  const deadline = Date.now() + config.inProgressWaitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
    // A finished key needs no lock and no transaction: its answer never changes.
    const stored = await readLiveKey(db, request, now());
    const early = stored && answerFromStored(stored, request);
    if (early) return early;
    const outcome = await runOnce(db, request, handler, config, now);
    if (outcome !== IN_PROGRESS) return outcome;
    if (Date.now() + pause > deadline) {
      return problem("request-in-progress", "A request with this Idempotency-Key is still running.", {}, { "Retry-After": "1" });
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

const IN_PROGRESS = Symbol("in progress");

function runOnce(
  db: PrismaClient,
  request: KeyedRequest,
  handler: (tx: Prisma.TransactionClient) => Promise<KeyedResult>,
  config: IdempotencyConfig,
  now: () => Date,
): Promise<ApiResult | typeof IN_PROGRESS> {
  return db.$transaction(
    async (tx) => {
      // A frozen process holding the connection must not hold the key past the lease either.
      const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`
        SELECT set_config('idle_in_transaction_session_timeout', ${String(config.leaseMs + 5_000)}, true) IS NOT NULL
           AND pg_try_advisory_xact_lock(hashtextextended(${`idempotency:${request.userId}:${request.key}`}::text, 0)) AS locked`;
      if (!locked) return IN_PROGRESS;
      const current = await readLiveKey(tx, request, now());
      const answer = current && answerFromStored(current, request);
      if (answer) return answer;

      const result = await handler(tx);
      if (result.status >= 500) return result; // not remembered: the retry runs afresh
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + config.ttlMs);
      const row = {
        method: request.method,
        path: request.path,
        fingerprint: request.fingerprint,
        status: result.status,
        body: JSON.stringify(result.body),
        resourceId: result.resourceId ?? null,
        resourceUrl: result.resourceUrl ?? null,
        provisional: result.provisional ?? false,
        createdAt,
        expiresAt,
      };
      // Over an expired or provisional row of the same key; a live final one was answered above.
      await tx.idempotencyKey.upsert({
        where: { userId_key: { userId: request.userId, key: request.key } },
        create: { userId: request.userId, key: request.key, ...row },
        update: row,
      });
      return { status: result.status, body: result.body, headers: { ...result.headers, [KEY_EXPIRES_HEADER]: expiresAt.toUTCString() } } as ApiResult;
    },
    { ...SAVE_TRANSACTION, timeout: config.leaseMs },
  );
}

function readLiveKey(db: Db, request: Pick<KeyedRequest, "userId" | "key">, now: Date) {
  return db.idempotencyKey.findFirst({ where: { userId: request.userId, key: request.key, expiresAt: { gt: now } } });
}

/** The stored answer for a repeat, a 422 for a different request, or null to run it afresh. */
function answerFromStored(stored: StoredKey, request: KeyedRequest): ApiResult | null {
  if (stored.method !== request.method || stored.path !== request.path || stored.fingerprint !== request.fingerprint) {
    metrics().idempotencyKeys.inc({ outcome: "reused" });
    return problem("idempotency-key-reused", `This Idempotency-Key was used for a different request (${stored.method} ${stored.path}, another body).`);
  }
  if (stored.provisional && request.confirms) return null;
  metrics().idempotencyKeys.inc({ outcome: "replay" });
  const headers: Record<string, string> = { "Idempotent-Replayed": "true", [KEY_EXPIRES_HEADER]: stored.expiresAt.toUTCString() };
  if (stored.status === 201 && stored.resourceUrl) headers.Location = stored.resourceUrl;
  return { status: stored.status, body: JSON.parse(stored.body) as unknown, headers };
}

/** What a key produced, for a client that lost the response (GET /idempotency-keys/{key}). */
export async function describeKey(db: PrismaClient, userId: string, key: string, now = new Date()) {
  const stored = await readLiveKey(db, { userId, key }, now);
  if (!stored) return null;
  return {
    key,
    method: stored.method,
    path: stored.path,
    status: stored.status,
    resourceId: stored.resourceId,
    resourceUrl: stored.resourceUrl,
    provisional: stored.provisional,
    createdAt: stored.createdAt.toISOString(),
    expiresAt: stored.expiresAt.toISOString(),
  };
}

/**
 * Deletes expired keys in batches. Safe on several instances at once: each batch takes the rows it
 * deletes with FOR UPDATE SKIP LOCKED, so two cleaners never wait on or delete the same rows.
 */
export async function deleteExpiredKeys(db: PrismaClient, { now = new Date(), batchSize = 1000 } = {}): Promise<number> {
  return deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "IdempotencyKey" k USING (
      SELECT "userId", "key" FROM "IdempotencyKey" WHERE "expiresAt" <= ${now}
      ORDER BY "expiresAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch
    WHERE k."userId" = batch."userId" AND k."key" = batch."key"`,
  );
}
