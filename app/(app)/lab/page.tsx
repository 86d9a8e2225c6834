import type { Metadata } from "next";
import { cookies } from "next/headers";
import { LabActivity } from "@/components/lab/lab-activity.tsx";
import { LabSwitches } from "@/components/lab/lab-switches.tsx";
import { TicketForm, type TicketFormProps } from "@/components/lab/ticket-form.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db.ts";
import { draftIdOrNew } from "@/lib/ids.ts";
import { decodeFlash, FLASH_COOKIE, type LabFlash } from "@/lib/lab/form-flash.ts";
import { decodeLabSettings, LAB_COOKIE } from "@/lib/lab/settings.ts";
import { describeTicketMatch } from "@/lib/matching/describe.ts";
import { findTicketMatches } from "@/lib/matching/find-ticket-matches.ts";
import { matchingSession } from "@/lib/matching/session.ts";
import { getTicket } from "@/lib/tickets/queries.ts";
import { updateLabSettings } from "./actions.ts";

export const metadata: Metadata = { title: "Duplicate Lab" };

type Search = { draft?: string; review?: string; saved?: string; notice?: string };

export default async function LabPage(props: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { draft, review, saved, notice } = await props.searchParams;
  const jar = await cookies();
  const settings = decodeLabSettings(user.id, jar.get(LAB_COOKIE)?.value);
  const flash = decodeFlash(jar.get(FLASH_COOKIE)?.value, user.id, review);
  const db = getDb();
  const [savedTicket, matches] = await Promise.all([
    saved ? getTicket(db, user.id, saved) : null,
    // The server decided there were matches; look them up again to show them as they are now.
    flash?.status === "possible-duplicate"
      ? matchingSession(db, (tx) => findTicketMatches(tx, user.id, flash.values.title ?? "", { excludeId: flash.values.id || undefined }))
      : [],
  ]);
  const initialId = settings.browserId ? draftIdOrNew(draft) : null;

  return (
    <div className="stack">
      <div>
        <h1>Duplicate Lab</h1>
        <p className="muted lede">
          Every protection this app uses, one switch each. Turn one off, try the move it guards against, and watch the duplicate
          appear on the right. Switches apply to you, in this browser, and only here.
        </p>
      </div>
      {savedTicket ? (
        <Notice tone={notice === "already-saved" ? "info" : "success"} title={notice === "already-saved" ? "Already saved" : "Saved"}>
          <p>
            {notice === "already-saved" ? "This form was submitted before, so nothing new was created: " : "Ticket "}
            <a href={`/lab/tickets/${savedTicket.id}`}>{savedTicket.title}</a>
            {notice === "saved-unchecked" ? " (the near-match check could not run this time)" : ""}.
          </p>
        </Notice>
      ) : null}
      {/* Source order is reading and Tab order: the form, its switches, then the live panel. */}
      <div className="lab">
        <section className="card lab__form" aria-labelledby="ticket-heading">
          <h2 id="ticket-heading" className="flush">New ticket</h2>
          <TicketForm
            key={`${settings.browserId}:${review ?? ""}`}
            initialId={initialId}
            disableOnSubmit={settings.disableOnSubmit}
            values={flash?.values ?? {}}
            fieldErrors={flash?.fieldErrors ?? {}}
            matches={matches.map(describeTicketMatch)}
            problem={problemOf(flash)}
          />
        </section>
        <section className="card lab__switches" aria-label="Switches">
          <LabSwitches settings={settings} action={updateLabSettings} />
        </section>
        <section className="card lab__live" aria-labelledby="live-heading">
          <LabActivity />
        </section>
      </div>
    </div>
  );
}

function problemOf(flash: LabFlash | null): TicketFormProps["problem"] {
  if (flash?.status === "conflict" && flash.ticketId) return { kind: "conflict", ticketUrl: `/lab/tickets/${flash.ticketId}` };
  if (flash?.status === "refused") return { kind: "refused" };
  return null;
}
