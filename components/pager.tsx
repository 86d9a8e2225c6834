import Link from "next/link";

export function Pager({ basePath, page, pages }: { basePath: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link href={`${basePath}?page=${page - 1}`}>← Newer</Link> : <span />}
      <span className="muted">Page {page} of {pages}</span>
      {page < pages ? <Link href={`${basePath}?page=${page + 1}`}>Older →</Link> : <span />}
    </nav>
  );
}
