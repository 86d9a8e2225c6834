import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { LabActivity } from "@/components/lab/lab-activity.tsx";
import { LabIntegrationActivity } from "@/components/lab/lab-integration-activity.tsx";
import { LabOrderForm } from "@/components/lab/lab-order-form.tsx";
import { LabSwitches } from "@/components/lab/lab-switches.tsx";
import { TicketForm, type TicketFormProps } from "@/components/lab/ticket-form.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { draftIdOrNew, newId } from "@/lib/ids.ts";
import { countLabData, type LabData } from "@/lib/lab/clear-lab-data.ts";
import { decodeFlash, FLASH_COOKIE, type LabFlash } from "@/lib/lab/form-flash.ts";
import {
  decodeLabSettings,
  LAB_CONDITIONS,
  LAB_COOKIE,
  LAB_INTEGRATION_CONDITIONS,
  LAB_INTEGRATION_SWITCHES,
  LAB_SWITCHES,
  type LabSettings,
} from "@/lib/lab/settings.ts";
import { describeTicketMatch } from "@/lib/matching/describe.ts";
import { findTicketMatches } from "@/lib/matching/find-ticket-matches.ts";
import { matchingSession } from "@/lib/matching/session.ts";
import { getTicket } from "@/lib/tickets/queries.ts";
import { clearLabDataAction, placeLabOrderAction, sendForgedCallbackAction, updateLabSettings } from "./actions.ts";

export const metadata: Metadata = { title: "Duplicate Lab" };

type Search = { draft?: string; review?: string; saved?: string; notice?: string; integration?: string; cleared?: string };

const INTEGRATION_NOTICE: Record<string, { tone: "success" | "info" | "warn" | "error"; title: string; text: string }> = {
  placed: { tone: "success", title: "Order placed", text: "Watch it reach the provider in “Orders and the provider”." },
  "already-placed": { tone: "info", title: "Already placed", text: "This form was submitted before, so nothing new was created." },
  "save-failed": {
    tone: "warn",
    title: "The save failed",
    text: "“Fail the save after sending” kept the order from being saved. Did the provider receive it anyway?",
  },
  "send-failed": {
    tone: "warn",
    title: "Sending failed",
    text: "The provider’s answer was lost while the order was being sent from the request, so the order was not saved. The provider may have shipped it anyway.",
  },
  busy: {
    tone: "warn",
    title: "Not placed yet",
    text: "Two of your orders are still waiting on the provider without the outbox. Try again once they are answered.",
  },
  "forged-refused": { tone: "success", title: "Forged callback refused", text: "It was not signed with the provider’s secret: 401, nothing changed." },
  "forged-accepted": { tone: "error", title: "Forged callback accepted", text: "With the signature check off, anyone who knows the URL can confirm an order." },
  "no-order": { tone: "info", title: "Nothing to forge", text: "Place a Lab order first: the forged callback claims it shipped." },
};

export default async function LabPage(props: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { draft, review, saved, notice, integration, cleared } = await props.searchParams;
  const jar = await cookies();
  const settings = decodeLabSettings(user.id, jar.get(LAB_COOKIE)?.value);
  const flash = decodeFlash(jar.get(FLASH_COOKIE)?.value, user.id, review);
  const db = getDb();
  const [savedTicket, labData, matches] = await Promise.all([
    saved ? getTicket(db, user.id, saved) : null,
    countLabData(db, user.id),
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
          Every protection this app uses, one switch each. Turn one off, try the move it guards against, and watch the duplicate appear under “Last minute”.
          Switches apply to you, in this browser, and only here.
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
          <h2 id="ticket-heading" className="flush">
            New ticket
          </h2>
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
          <LabSwitches
            settings={settings}
            action={updateLabSettings}
            groups={[
              { legend: "Protections", items: LAB_SWITCHES },
              { legend: "Conditions", items: LAB_CONDITIONS },
            ]}
          />
        </section>
        <section className="card lab__live" aria-labelledby="live-heading">
          <LabActivity />
        </section>
      </div>
      <IntegrationSection settings={settings} integration={integration} />
      <LabDataSection data={labData} cleared={cleared} />
    </div>
  );
}

function IntegrationSection({ settings, integration }: { settings: LabSettings; integration?: string }) {
  const notice = integration ? INTEGRATION_NOTICE[integration] : undefined;
  return (
    <section id="integration" className="stack" aria-labelledby="integration-heading">
      <div>
        <h2 id="integration-heading" className="flush">
          Integration
        </h2>
        <p className="muted lede">
          Orders placed here go to the sandbox fulfilment provider and come back as signed callbacks, through the same code as every other order. Each switch
          takes one protection away; the panel shows this app’s orders beside the provider’s shipments.
        </p>
      </div>
      {notice ? (
        <Notice tone={notice.tone} title={notice.title}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <div className="lab">
        <section className="card lab__form stack" aria-label="Place a Lab order">
          <LabOrderForm id={newId()} action={placeLabOrderAction} />
          <form action={sendForgedCallbackAction}>
            <button className="button button--secondary" type="submit">
              Send forged callback
            </button>
          </form>
        </section>
        <section className="card lab__switches" aria-label="Integration switches">
          <LabSwitches
            settings={settings}
            action={updateLabSettings}
            groups={[
              { legend: "Protections", items: LAB_INTEGRATION_SWITCHES },
              { legend: "Conditions", items: LAB_INTEGRATION_CONDITIONS },
            ]}
          />
        </section>
        <section className="card lab__live" aria-label="Orders and the provider">
          <LabIntegrationActivity />
        </section>
      </div>
    </section>
  );
}

function LabDataSection({ data, cleared }: { data: LabData; cleared?: string }) {
  const [orders, tickets] = (cleared ?? "").split("-").map(Number);
  const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  return (
    <section id="lab-data" className="card stack" aria-labelledby="lab-data-heading">
      <h2 id="lab-data-heading" className="flush">
        Lab data
      </h2>
      {cleared && Number.isInteger(orders) && Number.isInteger(tickets) ? (
        <Notice tone="success" title="Lab data cleared">
          <p>
            Removed {count(orders, "Lab order", "Lab orders")} and {count(tickets, "ticket", "tickets")}. Your real customers and orders are as they were.
          </p>
        </Notice>
      ) : null}
      <p className="flush">
        The Lab keeps {count(data.orders, "order", "orders")} (<Link href="/orders?lab=1">Lab orders</Link>) and {count(data.tickets, "ticket", "tickets")}.
        They are test data, marked “Lab”, and left out of your customers, orders, home page counts and duplicate checks.
      </p>
      <form action={clearLabDataAction}>
        <button className="button button--secondary" type="submit" disabled={data.orders + data.tickets === 0}>
          Clear Lab data
        </button>
      </form>
    </section>
  );
}

function problemOf(flash: LabFlash | null): TicketFormProps["problem"] {
  if (flash?.status === "conflict" && flash.ticketId) return { kind: "conflict", ticketUrl: `/lab/tickets/${flash.ticketId}` };
  if (flash?.status === "refused") return { kind: "refused" };
  return null;
}
