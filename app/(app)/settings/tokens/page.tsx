import type { Metadata } from "next";
import { TokenForm } from "@/components/settings/token-form.tsx";
import { listTokens } from "@/lib/api/tokens.ts";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { formatDateTime } from "@/lib/format.ts";
import { newId } from "@/lib/ids.ts";
import { createTokenAction, revokeTokenAction } from "./actions.ts";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listTokens(getDb(), user.id);
  const now = new Date();
  const state = (t: (typeof tokens)[number]) => (t.revokedAt ? "Revoked" : t.expiresAt <= now ? "Expired" : "Active");
  return (
    <div className="stack">
      <div className="page-head">
        <h1>API tokens</h1>
        <a className="button button--secondary" href="/api/v1/openapi.json">
          OpenAPI document
        </a>
      </div>
      <p className="lede muted">
        Personal access tokens let other systems use the JSON API at <code>/api/v1</code> as you. Send one as <code>Authorization: Bearer …</code> with an{" "}
        <code>Idempotency-Key</code> on every POST, and every create is safe to retry.
      </p>
      <TokenForm initialId={newId()} action={createTokenAction} />
      <section aria-labelledby="tokens-heading" className="stack">
        <h2 id="tokens-heading" className="flush">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="empty card">No tokens yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Prefix</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Expires</th>
                  <th>Status</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td data-label="Name">{t.name}</td>
                    <td data-label="Prefix">
                      <code>{t.prefix}…</code>
                    </td>
                    <td data-label="Created">{formatDateTime(t.createdAt)}</td>
                    <td data-label="Last used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
                    <td data-label="Expires">{formatDateTime(t.expiresAt)}</td>
                    <td data-label="Status">{state(t)}</td>
                    <td>
                      {state(t) === "Active" ? (
                        <form action={revokeTokenAction}>
                          <input type="hidden" name="id" value={t.id} />
                          <button className="button button--link" type="submit" aria-label={`Revoke ${t.name}`}>
                            Revoke
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
