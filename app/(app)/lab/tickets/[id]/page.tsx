import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionNote } from "@/components/decision-note.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime } from "@/lib/format.ts";
import { getTicket } from "@/lib/tickets/queries.ts";

export const metadata: Metadata = { title: "Ticket" };

export default async function TicketPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await props.params;
  const ticket = await getTicket(getDb(), user.id, id);
  if (!ticket) notFound();
  return (
    <div className="stack">
      <h1>{ticket.title}</h1>
      <DecisionNote basePath="/lab/tickets" decisions={ticket.decisions.map((d) => ({ ...d, match: { id: d.match.id, label: d.match.title } }))} />
      <dl className="details card">
        <dt>Details</dt>
        <dd>{ticket.details || <span className="muted">None</span>}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(ticket.createdAt)}</dd>
        <dt>ID</dt>
        <dd>
          <code>{ticket.id}</code>
        </dd>
      </dl>
      <p>
        <Link href="/lab">← Duplicate Lab</Link>
      </p>
    </div>
  );
}
