import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { countOf, formatDateTime } from "@/lib/format.ts";
import { homeSummary, REVIEWED_RECENT } from "@/lib/home/home-summary.ts";

const TRIES = [
  { href: "/customers/new", title: "Add a customer", text: "Double-click Save, press Enter repeatedly, go Back and submit again: one record, every time." },
  {
    href: "/orders/new",
    title: "Place an order",
    text: "An order placed twice is a double charge. The browser names the order before sending it, so a repeat finds the first.",
  },
  { href: "/lab", title: "Try the Duplicate Lab", text: "Switch one protection off at a time and watch the duplicate it was stopping appear." },
];

export default async function HomePage() {
  const user = await requireUser();
  const s = await homeSummary(getDb(), user.id);
  const deliveries = !s.integration.enabled
    ? { tone: "warn", text: "Deliveries are paused by your switch." }
    : s.integration.failedCount > 0
      ? { tone: "danger", text: `${countOf(s.integration.failedCount, "delivery", "deliveries")} failed and wait for you.` }
      : s.integration.breaker === "open"
        ? { tone: "warn", text: "The provider is failing; deliveries wait and retry." }
        : {
            tone: "ok",
            text: s.integration.waiting > 0 ? `${countOf(s.integration.waiting, "delivery", "deliveries")} on the way.` : "All deliveries are through.",
          };
  return (
    <div className="stack">
      <div>
        <h1>Welcome, {user.email}</h1>
        <p className="muted">What waits for you, what was decided lately, and how the integration is doing.</p>
      </div>

      <section aria-labelledby="attention-heading" className="stack">
        <h2 id="attention-heading" className="flush">
          Needs a person
        </h2>
        <div className="tiles">
          <Link href="/customers/duplicates" className="tile card" data-testid="home-duplicates">
            <strong>
              {s.duplicateGroups === 0 ? "No possible duplicates" : countOf(s.duplicateGroups, "group of possible duplicates", "groups of possible duplicates")}
            </strong>
            <span className="muted">
              {s.duplicateGroups === 0
                ? `Among your ${REVIEWED_RECENT.toLocaleString("en")} newest customers.`
                : "Review them: merge the ones that are one customer, keep the rest."}
            </span>
          </Link>
          <Link href="/integrations" className={`tile card tile--${deliveries.tone}`} data-testid="home-deliveries">
            <strong>Deliveries to the provider</strong>
            <span>{deliveries.text}</span>
          </Link>
        </div>
      </section>

      <div className="home-columns">
        <section className="card stack" aria-labelledby="merges-heading">
          <h2 id="merges-heading" className="flush">
            Recent merges
          </h2>
          {s.merges.length === 0 ? (
            <p className="muted flush">
              None yet. Merge customers from <Link href="/customers/duplicates">Possible duplicates</Link>.
            </p>
          ) : (
            <ul className="log">
              {s.merges.map((m) => (
                <li key={m.id}>
                  {m.fromNames.map((n) => `“${n}”`).join(", ")} into <Link href={`/customers/${m.intoId}`}>{m.intoName}</Link>
                  <span className="muted small">
                    {" "}
                    · {formatDateTime(m.createdAt)} ·{" "}
                    {m.undoneAt ? (
                      "undone"
                    ) : (
                      <>
                        {countOf(m.movedOrders, "order", "orders")} moved · <Link href={`/customers/${m.intoId}`}>undo on its page</Link>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card stack" aria-labelledby="decisions-heading">
          <h2 id="decisions-heading" className="flush">
            Recent “Save anyway”
          </h2>
          {s.decisions.length === 0 ? (
            <p className="muted flush">No customer saved beside a possible duplicate yet.</p>
          ) : (
            <ul className="log">
              {s.decisions.map((d) => (
                <li key={`${d.customer.id}:${d.match.id}`}>
                  <Link href={`/customers/${d.customer.id}`}>{d.customer.name}</Link> saved beside <Link href={`/customers/${d.match.id}`}>{d.match.name}</Link>
                  <span className="muted small"> · {formatDateTime(d.decidedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="start-heading" className="stack">
        <h2 id="start-heading" className="flush">
          {s.newcomer ? "Start here" : "Try it"}
        </h2>
        <div className="tiles">
          {TRIES.map((t) => (
            <Link key={t.href} href={t.href} className="tile card">
              <strong>{t.title}</strong>
              <span className="muted">{t.text}</span>
            </Link>
          ))}
        </div>
      </section>
    </div>
  );
}
