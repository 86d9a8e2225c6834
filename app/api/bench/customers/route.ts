// Benchmark-only: `npm run bench:create` compares the forms' duplicate-safe save with a plain insert
// over real HTTP. It exists only when the server was started with BENCH_ROUTES=1; otherwise 404.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db.ts";
import { benchCreateCustomer } from "@/lib/bench/bench-create-customer.ts";

export async function POST(request: Request) {
  if (process.env.BENCH_ROUTES !== "1") return new NextResponse(null, { status: 404 });
  const mode = new URL(request.url).searchParams.get("mode") === "plain" ? "plain" : "protected";
  const ownerId = request.headers.get("x-bench-owner") ?? "";
  const result = await benchCreateCustomer(getDb(), mode, ownerId, await request.json().catch(() => null));
  return NextResponse.json(result.body, { status: result.status });
}
