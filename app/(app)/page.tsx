import { requireUser } from "@/lib/auth/current-user.ts";

export default async function HomePage() {
  const user = await requireUser();
  return (
    <div className="stack">
      <h1>Welcome, {user.email}</h1>
      <p className="muted">
        Dedupe Desk keeps duplicate records out: forms that cannot double-submit, record IDs made in the browser,
        post-redirect-get, idempotent saves and a near-match check that asks before saving a likely copy.
      </p>
    </div>
  );
}
