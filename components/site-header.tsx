import Link from "next/link";
import { AccountMenu } from "./account-menu.tsx";
import { NavLinks } from "./nav-links.tsx";
import { PendingButton } from "./forms/pending-button.tsx";

export function SiteHeader({ email, signOut }: { email: string; signOut: () => Promise<void> }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">
          Dedupe Desk
        </Link>
        <NavLinks />
        <div className="user">
          {/* A long address is cut in the bar: whole on hover, and in the account menu. */}
          <AccountMenu email={email} />
          <form action={signOut}>
            <PendingButton label="Sign out" pendingLabel="Signing out…" className="button button--secondary" />
          </form>
        </div>
      </div>
    </header>
  );
}
