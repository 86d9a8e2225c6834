import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client.ts";
import { authOptions } from "./options.ts";
import { sessionUser } from "./sessions.ts";

export interface CurrentUser {
  id: string;
  email: string;
}

/** The signed-in user, checked against the database: a cookie can outlive its account or its session (signed out). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  return sessionUser(getDb(), session?.user?.id, session?.sid);
});

/** For pages and server actions: every one of them starts here. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}
