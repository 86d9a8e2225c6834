// A session cookie rides along with any request the browser makes, whichever site started it, so
// routes that act on the cookie alone must know the request came from our own pages. Server
// actions get this check from Next; route handlers get it here. Browsers send Sec-Fetch-Site on
// every request (and Origin on every POST); a client that sends neither is not a browser being
// tricked into sending someone's cookie.
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  try {
    return new URL(origin).host !== request.headers.get("host");
  } catch {
    return true; // "null" (a sandboxed frame, a data: URL) or garbage
  }
}
