import Link from "next/link";

/** `params`: the list's other query parameters (a search, a filter), kept from page to page. */
export function Pager({ basePath, page, pages, params = {} }: { basePath: string; page: number; pages: number; params?: Record<string, string> }) {
  if (pages <= 1) return null;
  const kept = Object.fromEntries(Object.entries(params).filter(([, v]) => v));
  const href = (n: number) => `${basePath}?${new URLSearchParams({ ...kept, page: String(n) })}`;
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link href={href(page - 1)}>← Newer</Link> : <span />}
      <span className="muted">
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>Older →</Link> : <span />}
    </nav>
  );
}
