import Link from "next/link";
import { NavLinks } from "./nav-links.tsx";
import { PendingButton } from "./forms/pending-button.tsx";

export function SiteHeader({ email, signOut }: { email: string; signOut: () => Promise<void> }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">Dedupe Desk</Link>
        <NavLinks />
        <div className="user">
          {/* A long address is cut in the bar: whole on hover, and in the account menu. */}
          <details className="account">
            <summary title={email}><span>{email}</span></summary>
            <div className="account__panel card">
              <div className="small muted">Signed in as</div>
              <div className="account__email">{email}</div>
              <Link href="/settings/tokens">API tokens</Link>
            </div>
          </details>
          <form action={signOut}>
            <PendingButton label="Sign out" pendingLabel="Signing out…" className="button button--secondary" />
          </form>
        </div>
      </div>
    </header>
  );
}
