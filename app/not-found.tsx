import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page page--narrow">
      <div className="card stack">
        <h1>Not found</h1>
        <p className="muted">There is nothing at this address, or it is not yours to see.</p>
        <Link href="/">Go home</Link>
      </div>
    </main>
  );
}
