// Whether the signed-in user has a ticket with this ID: the Lab's ticket form asks it when Back
// returns to a form that was sent, to say "Already saved" before anything is sent again.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { getTicket } from "@/lib/tickets/queries.ts";

const PRIVATE = { "cache-control": "private, no-store" };

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: PRIVATE });
  const ticket = await getTicket(getDb(), user.id, (await context.params).id);
  if (!ticket) return NextResponse.json({ error: "No such ticket." }, { status: 404, headers: PRIVATE });
  return NextResponse.json({ id: ticket.id, title: ticket.title }, { headers: PRIVATE });
}
