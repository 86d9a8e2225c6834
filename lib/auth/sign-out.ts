import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client.ts";
import { authOptions } from "./options.ts";
import { endSession as endServerSession } from "./sessions.ts";

// next-auth's session cookie, on plain http and (with the __Secure- prefix) on https, whole or cut
// into chunks (.0, .1, …) when large.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Signs out on the server: the session's row goes, so the cookie (and any copy of it) opens nothing
 * more, and the cookie is cleared. Done in a server action, which keeps next-auth's browser client
 * off every page.
 */
export async function endSession(): Promise<void> {
  await endServerSession(getDb(), (await getServerSession(authOptions))?.sid);
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (SESSION_COOKIE.test(name)) jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}
