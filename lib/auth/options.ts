import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db.ts";
import { clientAddress, FORWARDED_FOR } from "@/lib/net/client-address.ts";
import { authenticate } from "./authenticate.ts";
import { signInErrorCode } from "./sign-in-error.ts";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        // next-auth copies a thrown error's message into the URL it answers with, so only our own
        // fixed codes may be thrown from here; anything unexpected is logged and becomes one.
        let result;
        try {
          const forwarded = req?.headers?.[FORWARDED_FOR];
          result = await authenticate(getDb(), credentials ?? {}, clientAddress(typeof forwarded === "string" ? forwarded : null));
        } catch (error) {
          console.error("sign-in failed:", error);
          throw new Error(signInErrorCode({ ok: false, reason: "unavailable" }));
        }
        if (result.ok) return result.user;
        throw new Error(signInErrorCode(result));
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
