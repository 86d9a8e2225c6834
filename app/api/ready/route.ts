// Readiness, for a load balancer's health checks (HAProxy in `npm run start:cluster`): 200 when this
// instance can serve, 503 while the database is unreachable, migrations are pending or the process
// is shutting down (lib/health/readiness.ts). Unauthenticated, and says nothing more than why.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client.ts";
import { readinessCheck } from "@/lib/health/readiness.ts";

export const dynamic = "force-dynamic";

const global = globalThis as { readiness?: ReturnType<typeof readinessCheck> };

export async function GET() {
  global.readiness ??= readinessCheck(getDb());
  const state = await global.readiness();
  if (state.ready) return NextResponse.json({ status: "ready" }, { headers: { "cache-control": "no-store" } });
  return NextResponse.json({ status: "unavailable", reason: state.reason }, { status: 503, headers: { "cache-control": "no-store", "retry-after": "1" } });
}
