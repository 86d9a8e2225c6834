// The Lab's ticket form posts here as a plain HTML form. Which protections apply comes from the
// user's Lab switches; the save itself is the same duplicate-safe save the other forms use.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable.ts";
import { readFormBody } from "@/lib/forms/read-form-body.ts";
import { isCrossSite } from "@/lib/net/same-origin.ts";
import { CONFIRM_FIELD, readFormValues } from "@/lib/forms/form-state.ts";
import { encodeFlash, FLASH_COOKIE, FLASH_MAX_AGE_S, newFlash } from "@/lib/lab/form-flash.ts";
import { logLabRequest, type LabRequestOutcome } from "@/lib/lab/request-log.ts";
import { busyPage, lostAnswerPage, postResultPage } from "@/lib/lab/result-page.ts";
import { decodeLabSettings, LAB_COOKIE } from "@/lib/lab/settings.ts";
import { submitTicket, type TicketSubmission } from "@/lib/lab/submit-ticket.ts";
import { TICKET_FIELDS } from "@/lib/validations/ticket.ts";

const SLOW_NETWORK_MS = 2000;

export async function POST(request: Request) {
  // Acts on the session cookie alone, so it must come from our own page (server actions get this from Next).
  if (isCrossSite(request)) return plain(403, "Cross-site form posts are refused.");
  const user = await getCurrentUser();
  if (!user) return seeOther("/signin?callbackUrl=/lab");
  const settings = decodeLabSettings(user.id, (await cookies()).get(LAB_COOKIE)?.value);

  const body = await readFormBody(request);
  if (!body.ok)
    return body.reason === "too-large" ? plain(413, "Request body too large: the limit is 64 KB.") : plain(415, "Send the ticket form as a form POST.");
  if (settings.slowNetwork) await new Promise((resolve) => setTimeout(resolve, SLOW_NETWORK_MS));

  const values = readFormValues(body.form, ["id", ...TICKET_FIELDS, CONFIRM_FIELD]);
  let result: TicketSubmission;
  try {
    result = await submitTicket(getDb(), user.id, values, settings);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("Lab ticket not saved, the database is unavailable:", error);
    return new NextResponse(busyPage(), {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) },
    });
  }
  await logLabRequest(getDb(), user.id, { at: Date.now(), outcome: OUTCOME[result.status], ticketId: "ticketId" in result ? result.ticketId : undefined });

  if (result.status === "created" || result.status === "replay") {
    if (result.status === "created" && settings.dropResponse) return droppedResponse();
    const notice = result.status === "replay" ? "already-saved" : result.matchCheck === "ok" ? "saved" : "saved-unchecked";
    if (settings.postRedirectGet) return seeOther(`/lab?saved=${result.ticketId}&notice=${notice}`);
    const heading = result.status === "replay" ? "Already saved" : "Ticket saved";
    return new NextResponse(postResultPage({ heading, title: result.values.title ?? "", ticketUrl: `/lab/tickets/${result.ticketId}` }), {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return backToForm(user.id, result);
}

const OUTCOME: Record<TicketSubmission["status"], LabRequestOutcome> = {
  created: "created",
  replay: "already saved",
  "possible-duplicate": "possible duplicate",
  invalid: "invalid",
  conflict: "refused",
  foreign: "refused",
};

/** Back to /lab with what was typed, to show what the user must decide or fix. */
function backToForm(userId: string, result: Exclude<TicketSubmission, { status: "created" | "replay" }>) {
  const flash = newFlash({
    userId,
    status: result.status === "foreign" ? "refused" : result.status,
    values: result.values,
    fieldErrors: result.status === "invalid" ? result.fieldErrors : undefined,
    ticketId: result.status === "conflict" ? result.ticketId : undefined,
  });
  const query = new URLSearchParams(result.values.id ? { draft: result.values.id } : {});
  query.set("review", flash.nonce);
  const response = seeOther(`/lab?${query}`);
  response.cookies.set(FLASH_COOKIE, encodeFlash(flash), { httpOnly: true, sameSite: "lax", path: "/lab", maxAge: FLASH_MAX_AGE_S });
  return response;
}

function plain(status: number, text: string) {
  return new NextResponse(`${text}\n`, { status, headers: { "content-type": "text/plain" } });
}

/**
 * 303 to a path on this site. The Location is relative on purpose: the request's own URL may name
 * another host for this server (localhost for 127.0.0.1 under `next dev`), and cookies would not follow.
 */
function seeOther(path: string) {
  return new NextResponse(null, { status: 303, headers: { location: path } });
}

/**
 * The ticket is saved, but the browser is told the request failed, as when a proxy loses the
 * server's answer (502). Breaking the connection instead is not reliable: Chromium quietly resends
 * a POST whose connection closed before any answer, which is its own source of duplicates.
 */
function droppedResponse() {
  return new NextResponse(lostAnswerPage(), { status: 502, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
