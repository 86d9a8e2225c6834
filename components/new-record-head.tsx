/**
 * The heading of a create page, with its "New …" button. The button is a full page load on
 * purpose: a genuinely new record gets a fresh form and a fresh ID.
 */
export function NewRecordHead({ title, href }: { title: string; href: string }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <a className="button button--secondary" href={href}>{title}</a>
    </div>
  );
}
