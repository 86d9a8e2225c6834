import { describeKey } from "@/lib/api/idempotency.ts";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key.ts";
import { json, problem } from "@/lib/api/result.ts";
import { apiRoute } from "@/lib/api/route.ts";

// The key as it was sent in the header (bare or quoted), percent-encoded in the path.
export const GET = apiRoute(async ({ db, userId, params }) => {
  const key = parseIdempotencyKey(params.key);
  const found = key.ok ? await describeKey(db, userId, key.key) : null;
  return found
    ? json(200, found)
    : problem("not-found", "This key produced nothing that was kept: it was never used by you, its request did not complete, or it has expired.");
});
