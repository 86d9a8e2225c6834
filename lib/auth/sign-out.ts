import "server-only";
import { cookies } from "next/headers";

// next-auth's session cookie, on plain http and (with the __Secure- prefix) on https, whole or cut
// into chunks (.0, .1, …) when large.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Signs out on the server. Sessions are JWTs held only in the cookie, so deleting it is all
 * next-auth's own sign-out does; doing it in a server action keeps next-auth's browser client off
 * every page.
 */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (SESSION_COOKIE.test(name)) jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}
