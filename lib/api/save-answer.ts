// How a duplicate-safe save's outcome is answered over HTTP; the same four outcomes the forms show.
import type { SaveOutcome } from "@/lib/save-once/save-once.ts";
import type { MatchView } from "@/lib/matching/describe.ts";
import type { KeyedResult } from "./idempotency.ts";
import { problem } from "./result.ts";

export async function saveAnswer<M extends { id: string }>(
  outcome: SaveOutcome<M> | { status: "unknown-customer" },
  how: { url: (id: string) => string; read: (id: string) => Promise<unknown>; describe: (m: M) => MatchView },
): Promise<KeyedResult> {
  switch (outcome.status) {
    case "created":
      return {
        status: 201,
        body: await how.read(outcome.id),
        headers: { Location: how.url(outcome.id), ...(outcome.matchCheck === "failed" ? { "Duplicate-Check": "unavailable" } : {}) },
        resourceId: outcome.id,
        resourceUrl: how.url(outcome.id),
      };
    case "replay":
      // The body's id was saved before with these values: nothing new. 200, not 201, says so.
      return {
        status: 200,
        body: await how.read(outcome.id),
        headers: { "Content-Location": how.url(outcome.id) },
        resourceId: outcome.id,
        resourceUrl: how.url(outcome.id),
      };
    case "conflict":
    case "foreign":
      // The same answer for both: another user's ID must not be told apart from one's own.
      return problem("id-conflict", "This id is already used by another record. Nothing was overwritten; use a new id for a new record.", { field: "id" });
    case "unknown-customer":
      return problem("not-found", "No such customer.", { field: "customerId" });
    case "possible-duplicate":
      return {
        ...problem(
          "possible-duplicate",
          `Nothing was saved: ${outcome.matches.length === 1 ? "an existing record looks" : `${outcome.matches.length} existing records look`} like this one.`,
          {
            matches: outcome.matches.map((m) => apiMatch(how.describe(m), how.url(m.id))),
            confirmDuplicateOf: outcome.matches.map((m) => m.id),
          },
        ),
        provisional: true,
      };
  }
}

/** A match as the API shows it: `url` is its API resource, `pageUrl` the page a person opens. */
export const apiMatch = (view: MatchView, url: string) => ({ ...view, url, pageUrl: view.url });
