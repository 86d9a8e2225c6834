// Benchmark-only: `npm run bench:create` compares the forms' duplicate-safe save with a plain insert
// over real HTTP. It answers only the benchmark that started the server (lib/tooling/bench/bench-gate.ts).
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body.ts";
import { toResponse } from "@/lib/api/result.ts";
import { benchCreateCustomer } from "@/lib/tooling/bench/bench-create-customer.ts";
import { isBenchRequest } from "@/lib/tooling/bench/bench-gate.ts";
import { getDb } from "@/lib/db/client.ts";

export async function POST(request: Request) {
  if (!isBenchRequest(request)) return new NextResponse(null, { status: 404 });
  const body = await readJsonBody(request);
  if (!body.ok) return toResponse(body.result);
  const mode = new URL(request.url).searchParams.get("mode") === "plain" ? "plain" : "protected";
  const ownerId = request.headers.get("x-bench-owner") ?? "";
  const result = await benchCreateCustomer(getDb(), mode, ownerId, body.body);
  return NextResponse.json(result.body, { status: result.status });
}
