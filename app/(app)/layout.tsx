import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header.tsx";
import { requireUser } from "@/lib/auth/current-user.ts";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader email={user.email} />
      <main className="page">{children}</main>
    </>
  );
}
