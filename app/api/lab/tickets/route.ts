// How many tickets the signed-in user has: the record count the QA kit's audit reads
// (`form-kit audit <app>/lab --count-url /api/lab/tickets`) to tell a repeat from a new ticket.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { countTickets } from "@/lib/tickets/queries.ts";

const PRIVATE = { "cache-control": "private, no-store" };

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: PRIVATE });
  return NextResponse.json({ count: await countTickets(getDb(), user.id) }, { headers: PRIVATE });
}
