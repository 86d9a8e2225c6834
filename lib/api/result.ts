// What an API handler answers, as plain data: lib/ functions return it, tests read it, and the
// route turns it into a Response. Stored idempotent answers are exactly this shape.
import { PROBLEMS, problemTypeUri, type ProblemType } from "./problems.ts";

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function problem(type: ProblemType, detail?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): ApiResult {
  const { status, title } = PROBLEMS[type];
  return { status, body: { type: problemTypeUri(type), title, status, ...(detail ? { detail } : {}), ...extra }, headers };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({ status, body, headers });

export function toResponse(result: ApiResult): Response {
  const isProblem = result.status >= 400;
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: {
      "content-type": isProblem ? "application/problem+json" : "application/json",
      "cache-control": "private, no-store",
      ...result.headers,
    },
  });
}
