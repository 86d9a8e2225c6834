import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db.ts";
import { authenticate } from "./authenticate.ts";

/** Messages the sign-in form turns into text; `throttled:<seconds>` carries the wait. */
export const SIGN_IN_ERROR = { invalid: "invalid", throttled: "throttled" } as const;

function clientIp(headers: Record<string, unknown> | undefined): string {
  // Next's server sets x-forwarded-for from the socket; behind a proxy, the proxy must set it.
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : "";
  return first || "unknown";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticate(getDb(), credentials ?? {}, clientIp(req?.headers));
        if (result.ok) return result.user;
        throw new Error(
          result.reason === "throttled" ? `${SIGN_IN_ERROR.throttled}:${result.retryAfterSeconds}` : SIGN_IN_ERROR.invalid,
        );
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
