"use client";

import Link from "next/link";

/**
 * What a page that failed to load shows: what happened in plain words, "Try again" on the same
 * address (the page is fetched and rendered again; nothing is re-sent), and a way home. Never the
 * error's own text: in production Next sends only a reference (the digest) that matches the server log.
 */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div className="card stack" role="alert">
      <h1 className="flush">This page could not be loaded</h1>
      <p>
        Something went wrong on our side, or the database did not answer in time. Nothing you saved is lost, and no form was sent again. Trying again reloads
        this page.
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        <Link className="button button--secondary" href="/">
          Go home
        </Link>
      </div>
      {digest ? <p className="muted">Reference for support: {digest}</p> : null}
    </div>
  );
}
