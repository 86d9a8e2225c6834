import { describeKey } from "@/lib/api/idempotency.ts";
import { json, problem } from "@/lib/api/result.ts";
import { apiRoute } from "@/lib/api/route.ts";

export const GET = apiRoute(async ({ db, userId, params }) => {
  const key = await describeKey(db, userId, decodeURIComponent(params.key));
  return key ? json(200, key) : problem("not-found", "This key produced nothing that was kept: it was never used by you, its request did not complete, or it has expired.");
});
