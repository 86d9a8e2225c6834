// Requests our HTTP server (lib/startup/next-server.ts) answers itself, before Next sees them, because
// Next answers each of them with a 500: a path whose percent-escapes do not decode (`/%ff`), a
// method no route answers (TRACE, anything unknown), and a form posted to a page (a server action)
// from another site's page (Next's CSRF check throws). API routes also get their 405 here, as a problem with
// `Allow`, where Next sends an empty 405.
import type { IncomingHttpHeaders } from "node:http";
import { problem, type ApiResult } from "@/lib/api/result.ts";
import { allowedMethods } from "@/lib/api/route-methods.ts";

export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const PAGE_METHODS = "GET, HEAD, POST, OPTIONS";

export function earlyAnswer(req: { method?: string; url?: string; headers: IncomingHttpHeaders }): EarlyAnswer | null {
  const method = (req.method ?? "GET").toUpperCase();
  const rawPath = (req.url ?? "/").split("?")[0];
  const api = /^\/api\/v1(\/|$)/.test(rawPath);
  let path: string;
  try {
    decodeURIComponent(rawPath);
    // Segments as the router matches them: dot segments (also written %2e) resolved, and an
    // escaped slash (%2F) still inside its segment.
    path = new URL(rawPath, "http://app").pathname;
  } catch {
    return api
      ? fromProblem(problem("malformed-url", "The path holds a percent-escape that does not decode to text."))
      : text(400, "Bad request: the address holds a percent-escape that does not decode to text.");
  }
  if (api) {
    const allowed = allowedMethods(path);
    if (allowed && !allowed.includes(method))
      return fromProblem(problem("method-not-allowed", `${method} is not supported here. Allowed: ${allowed.join(", ")}.`, {}, { Allow: allowed.join(", ") }));
    if (!allowed && !METHODS.has(method)) return fromProblem(problem("method-not-allowed", `${method} is not supported.`, {}, { Allow: PAGE_METHODS }));
    return null;
  }
  if (!METHODS.has(method)) return text(405, `Method not allowed: ${method}.`, { Allow: PAGE_METHODS });
  // Pages take POSTs only as server actions (with JavaScript, or as a plain form post without it):
  // from another site's page, Next refuses them by throwing.
  if (method === "POST" && !rawPath.startsWith("/api/") && !sameOrigin(req.headers)) return text(403, "Forbidden: this form was sent from another site.");
  return null;
}

/** As Next's own server-action check: the Origin's host against the host the request was sent to. */
function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (!origin) return true; // Next lets a request without Origin through (no browser sends an action without one)
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0].trim() || headers.host;
  return Boolean(host) && originHost.toLowerCase() === host!.toLowerCase();
}

function fromProblem(result: ApiResult): EarlyAnswer {
  return {
    status: result.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...result.headers },
    body: JSON.stringify(result.body),
  };
}

function text(status: number, body: string, headers: Record<string, string> = {}): EarlyAnswer {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }, body: `${body}\n` };
}
