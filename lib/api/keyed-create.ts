// A create request after its body was read: key, validation, then the create, once per key.
import type { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { runIdempotent, type IdempotencyOptions, type KeyedResult } from "./idempotency.ts";
import { parseIdempotencyKey, requestFingerprint } from "./idempotency-key.ts";
import { problem, type ApiResult } from "./result.ts";
import { parseInput } from "./schemas.ts";

export interface CreateRequest {
  userId: string;
  path: string;
  idempotencyKey: string | null;
  body: unknown;
}

export type Create<S extends z.core.$ZodType> = (tx: Prisma.TransactionClient, userId: string, body: z.output<S>) => Promise<KeyedResult>;

export async function keyedCreate<S extends z.core.$ZodType>(
  db: PrismaClient,
  request: CreateRequest,
  schema: S,
  create: Create<S>,
  options?: IdempotencyOptions,
): Promise<ApiResult> {
  const key = parseIdempotencyKey(request.idempotencyKey);
  if (!key.ok) return problem(key.reason === "missing" ? "idempotency-key-missing" : "idempotency-key-invalid");
  // Refused before it ran: nothing is stored under the key, so the corrected request may reuse it.
  const input = parseInput(schema, request.body);
  if (!input.ok) return problem("validation-error", "Some fields are not valid; nothing was saved.", { errors: input.errors });
  const confirms = Array.isArray((request.body as { confirmDuplicateOf?: unknown }).confirmDuplicateOf);
  return runIdempotent(
    db,
    { userId: request.userId, key: key.key, method: "POST", path: request.path, fingerprint: requestFingerprint(request.body), confirms },
    (tx) => create(tx, request.userId, input.data),
    options,
  );
}
