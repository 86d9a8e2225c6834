// Benchmark-only: `npm run bench:api` compares POST /api/v1/customers with the same request minus
// the Idempotency-Key handling: the same token check, rate limit, body checks and duplicate-safe
// save in one transaction. It answers only the benchmark that started the server (lib/tooling/bench/bench-gate.ts).
import { createCustomer } from "@/lib/api/customers.ts";
import { readJsonBody } from "@/lib/api/read-body.ts";
import { problem } from "@/lib/api/result.ts";
import { apiRoute } from "@/lib/api/route.ts";
import { apiCustomerSchema, parseInput } from "@/lib/api/schemas.ts";
import { isBenchRequest } from "@/lib/tooling/bench/bench-gate.ts";
import { SAVE_TRANSACTION } from "@/lib/save-once/save-once.ts";

const unkeyed = apiRoute(async ({ request, db, userId }) => {
  const body = await readJsonBody(request);
  if (!body.ok) return body.result;
  const input = parseInput(apiCustomerSchema, body.body);
  if (!input.ok) return problem("validation-error", undefined, { errors: input.errors });
  return db.$transaction((tx) => createCustomer(tx, userId, input.data), SAVE_TRANSACTION);
});

export async function POST(request: Request, context: { params: Promise<Record<string, string>> }) {
  if (!isBenchRequest(request)) return new Response(null, { status: 404 });
  return unkeyed(request, context);
}
