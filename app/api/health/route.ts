// Liveness: the process is up and answers HTTP. Nothing else is checked, so an orchestrator restarts
// a process only when it is stuck, never because the database is down (that is /api/ready's job).
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
