// The Lab's live panel: the signed-in user's tickets and ticket requests of the last minute.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { recentLabRequests } from "@/lib/lab/request-log.ts";
import { countRecentTickets, recentTickets } from "@/lib/tickets/queries.ts";

const MINUTE = 60_000;

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const db = getDb();
  const [count, tickets, requests] = await Promise.all([
    countRecentTickets(db, user.id, MINUTE),
    recentTickets(db, user.id, MINUTE),
    recentLabRequests(db, user.id),
  ]);
  return NextResponse.json(
    {
      ticketsLastMinute: count,
      tickets: tickets.map((t) => ({ id: t.id, title: t.title, createdAt: t.createdAt.toISOString() })),
      requests: requests.map((r) => ({ at: new Date(r.at).toISOString(), outcome: r.outcome, ticketId: r.ticketId ?? null })),
    },
    { headers: { "cache-control": "private, no-store" } },
  );
}
