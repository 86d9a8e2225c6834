/**
 * The heading of a create page, with its "Start over" link: a full page load on purpose, so a
 * genuinely new record gets an empty form and a fresh ID. (It used to repeat the heading, "New
 * customer" beside "New customer", which read as a mistake.)
 */
export function NewRecordHead({ title, href }: { title: string; href: string }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <a className="button button--secondary" href={href} title="An empty form for another record, with a new ID">
        Start over
      </a>
    </div>
  );
}
