import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { problem, toResponse } from "@/lib/api/result.ts";
import { MAX_BODY_BYTES } from "@/lib/limits.ts";

// A first, cheap gate. It refuses oversized bodies with a clear 413 (Next's own limit answers 500),
// and sends signed-out visitors to /signin and back afterwards. It only reads the session cookie;
// pages and server actions still check the user themselves (requireUser).
export async function proxy(request: NextRequest) {
  const length = Number(request.headers.get("content-length") ?? 0);
  const api = /^\/api\/v1(\/|$)/.test(request.nextUrl.pathname);
  if (length > MAX_BODY_BYTES) {
    if (api) return toResponse(problem("payload-too-large", "Request bodies are limited to 64 KB."));
    return new NextResponse("Request body too large: the limit is 64 KB.\n", { status: 413, headers: { "content-type": "text/plain" } });
  }
  // Public: the sign-in pages, next-auth's own routes, the provider's callbacks (their signature is
  // their authentication), the load balancer's health checks, Prometheus' scrape (its bearer token is
  // its authentication), and benchmark routes (which answer 404 unless the server was started
  // for a benchmark). The API authenticates every request itself (a token or the session) and
  // answers 401, never a redirect to a page.
  if (api || /^\/(signin|signup|api\/auth|api\/bench|api\/webhooks|api\/health|api\/ready|api\/metrics)(\/|$)/.test(request.nextUrl.pathname)) {
    return NextResponse.next();
  }
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
