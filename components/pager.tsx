import Link from "next/link";

export function Pager({ basePath, page, pages, query = "" }: { basePath: string; page: number; pages: number; query?: string }) {
  if (pages <= 1) return null;
  const href = (n: number) => `${basePath}?${new URLSearchParams({ ...(query && { q: query }), page: String(n) })}`;
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link href={href(page - 1)}>← Newer</Link> : <span />}
      <span className="muted">Page {page} of {pages}</span>
      {page < pages ? <Link href={href(page + 1)}>Older →</Link> : <span />}
    </nav>
  );
}
