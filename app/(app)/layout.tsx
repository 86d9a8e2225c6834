import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";
import { signOutAction } from "./sign-out.ts";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader email={user.email} signOut={signOutAction} />
      <main className="page">{children}</main>
    </>
  );
}
