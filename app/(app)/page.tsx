import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user.ts";

const TRIES = [
  { href: "/customers/new", title: "Add a customer", text: "Double-click Save, press Enter repeatedly, go Back and submit again: one record, every time." },
  { href: "/orders/new", title: "Place an order", text: "An order placed twice is a double charge. The browser names the order before sending it, so a repeat finds the first." },
  { href: "/customers", title: "Browse customers", text: "Newest first. Each record page says whether you just saved it or it was already saved." },
];

export default async function HomePage() {
  const user = await requireUser();
  return (
    <div className="stack">
      <div>
        <h1>Welcome, {user.email}</h1>
        <p className="muted">
          Dedupe Desk keeps duplicate records out: forms that cannot double-submit, record IDs made in the browser,
          post-redirect-get, and saves that are idempotent by that ID.
        </p>
      </div>
      <div className="tiles">
        {TRIES.map((t) => (
          <Link key={t.href} href={t.href} className="tile card">
            <strong>{t.title}</strong>
            <span className="muted">{t.text}</span>
          </Link>
        ))}
      </div>
    </div>
  );
}
