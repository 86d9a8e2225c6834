import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client.ts";
import { authorizeCredentials } from "./authorize.ts";
import { startSession } from "./sessions.ts";

const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorizeCredentials(getDb, credentials, req?.headers),
    }),
  ],
  callbacks: {
    // At sign-in (only then is `user` given): a server-side session the cookie names, so that
    // signing out can end it everywhere (lib/auth/sessions.ts).
    async jwt({ token, user }) {
      if (user) token.sid = await startSession(getDb(), user.id, MAX_AGE_SECONDS);
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
  },
};
