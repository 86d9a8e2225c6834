import Link from "next/link";
import { SignOutButton } from "./sign-out-button.tsx";

const LINKS = [
  { href: "/", label: "Home" },
  { href: "/customers", label: "Customers" },
  { href: "/orders", label: "Orders" },
  { href: "/lab", label: "Lab" },
] as const;

export function SiteHeader({ email }: { email: string }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">Dedupe Desk</Link>
        <nav className="nav" aria-label="Main">
          {LINKS.map((l) => (
            <Link key={l.href} href={l.href}>{l.label}</Link>
          ))}
        </nav>
        <div className="user">
          <span>{email}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
