import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; email?: string | null; name?: string | null; image?: string | null };
    /** The server-side session this cookie belongs to (lib/auth/sessions.ts). */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
