// The customer form's live "Possible matches": advice while typing, scoped to the signed-in user.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db.ts";
import { describeCustomerMatch } from "@/lib/matching/describe.ts";
import { findCustomerMatches } from "@/lib/matching/find-customer-matches.ts";
import { matchingSession } from "@/lib/matching/session.ts";

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const q = new URL(request.url).searchParams;
  const probe = { name: q.get("name") ?? "", email: q.get("email"), phone: q.get("phone"), company: q.get("company") };
  try {
    const matches = await matchingSession(getDb(), (tx) => findCustomerMatches(tx, user.id, probe, { excludeId: q.get("exclude") ?? undefined }));
    return NextResponse.json({ matches: matches.map(describeCustomerMatch) }, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    console.error("live customer matching failed:", error);
    return NextResponse.json({ error: "The duplicate check is unavailable right now." }, { status: 503 });
  }
}
