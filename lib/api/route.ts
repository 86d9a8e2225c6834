// The one adapter between Next route handlers and lib/api: who is calling, their rate limit,
// and a problem+json answer for anything unexpected (never a stack trace).
import "server-only";
import { getServerSession } from "next-auth";
import * as z from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { authOptions } from "@/lib/auth/options.ts";
import { sessionUser } from "@/lib/auth/sessions.ts";
import { getDb } from "@/lib/db/client.ts";
import { authenticateApiRequest } from "./authenticate.ts";
import { failureAnswer } from "./failure.ts";
import { keyedCreate, type Create } from "./keyed-create.ts";
import type { KeyedResult } from "./idempotency.ts";
import { createRateLimiter, RATE_LIMIT_PER_MINUTE } from "./rate-limit.ts";
import { readJsonBody } from "./read-body.ts";
import { problem, toResponse, type ApiResult } from "./result.ts";
import { parseInput } from "./schemas.ts";

export interface ApiContext {
  request: Request;
  db: PrismaClient;
  userId: string;
  params: Record<string, string>;
}

const globalForLimiter = globalThis as unknown as { apiRateLimiter?: ReturnType<typeof createRateLimiter> };

const sessionUserId = async () => {
  const session = await getServerSession(authOptions);
  return (await sessionUser(getDb(), session?.user?.id, session?.sid))?.id ?? null;
};

export function apiRoute(handler: (ctx: ApiContext) => Promise<ApiResult>) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const db = getDb();
      const caller = await authenticateApiRequest(db, request, sessionUserId);
      if (!caller.ok) return toResponse(caller.result);
      const allowance = await (globalForLimiter.apiRateLimiter ??= createRateLimiter(db)).take(caller.rateKey);
      if (!allowance.ok) {
        return toResponse(
          problem(
            "rate-limited",
            `Slow down: the limit is ${RATE_LIMIT_PER_MINUTE} requests a minute.`,
            {},
            { "Retry-After": String(allowance.retryAfterSeconds) },
          ),
        );
      }
      return toResponse(await handler({ request, db, userId: caller.userId, params: await context.params }));
    } catch (error) {
      console.error(`API ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return toResponse(failureAnswer(error));
    }
  };
}

/** A create: body read and checked against `schema`, then run once per Idempotency-Key. */
export function keyedPost<S extends z.core.$ZodType>(schema: S, create: Create<S>) {
  return apiRoute(async ({ request, db, userId }) => {
    const body = await readJsonBody(request);
    if (!body.ok) return body.result;
    const path = new URL(request.url).pathname;
    return keyedCreate(db, { userId, path, idempotencyKey: request.headers.get("idempotency-key"), body: body.body }, schema, create);
  });
}

/** A POST with no body that acts on the resource in its path, once per Idempotency-Key. */
export function keyedAction(act: (tx: Prisma.TransactionClient, userId: string, params: Record<string, string>) => Promise<KeyedResult>) {
  return apiRoute(async ({ request, db, userId, params }) => {
    const path = new URL(request.url).pathname;
    return keyedCreate(db, { userId, path, idempotencyKey: request.headers.get("idempotency-key"), body: {} }, NO_BODY, (tx, uid) => act(tx, uid, params));
  });
}
const NO_BODY = z.object({});

/** A GET whose query string is checked against `schema`. */
export function queryGet<S extends z.ZodType>(schema: S, read: (db: PrismaClient, userId: string, query: z.output<S>) => Promise<ApiResult>) {
  return apiRoute(async ({ request, db, userId }) => {
    const query = parseInput(schema, Object.fromEntries(new URL(request.url).searchParams));
    if (!query.ok) return problem("validation-error", "Some query parameters are not valid.", { errors: query.errors });
    return read(db, userId, query.data);
  });
}
