// What the API answers when a handler throws: 503 with Retry-After when the database could not
// take the request just now (nothing was committed, the retry is safe), else a plain 500. Never
// the error's own text: it can name tables, constraints or other users' values.
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable.ts";
import { problem, type ApiResult } from "./result.ts";

export function failureAnswer(error: unknown): ApiResult {
  if (isDatabaseUnavailable(error)) return problem("service-unavailable", undefined, {}, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  return problem("internal-error");
}
