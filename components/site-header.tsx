import Link from "next/link";
import { NavLinks } from "./nav-links.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export function SiteHeader({ email }: { email: string }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">Dedupe Desk</Link>
        <NavLinks />
        <div className="user">
          <span>{email}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
