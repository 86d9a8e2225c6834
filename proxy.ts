import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// A first, cheap gate that sends signed-out visitors to /signin and back afterwards. It only reads
// the session cookie; pages and server actions still check the user themselves (requireUser).
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the public pages, next-auth's own routes and static assets.
  matcher: ["/((?!signin|signup|api/auth|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
