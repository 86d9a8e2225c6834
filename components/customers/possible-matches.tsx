"use client";

import { useQuery } from "@tanstack/react-query";
import { useDebounced } from "@/components/use-debounced.ts";
import { QueryProvider } from "@/components/query-provider.tsx";
import { customerMatchesQuery } from "./customer-matches-query.ts";
import type { MatchProbe } from "./match-probe.ts";

/**
 * Advice while typing: customers that already look like this one. It never blocks typing and never
 * decides the save (the server checks again when saving).
 */
export default function LivePossibleMatches({ probe }: { probe: MatchProbe }) {
  return (
    <QueryProvider>
      <PossibleMatches probe={probe} />
    </QueryProvider>
  );
}

function PossibleMatches({ probe }: { probe: MatchProbe }) {
  const debounced = useDebounced(probe, 300);
  const { data } = useQuery(customerMatchesQuery(debounced));
  if (!data || data.length === 0) return null;
  return (
    <aside className="suggestions" aria-label="Possible matches" aria-live="polite">
      <h2>Possible matches</h2>
      <ul>
        {data.map((m) => (
          <li key={m.id}>
            <a href={m.url} target="_blank" rel="noopener noreferrer">
              {m.title}
            </a>{" "}
            <span className="muted small">
              — {m.probability !== undefined ? `${Math.round(m.probability * 100)}%: ` : ""}
              {m.reasons.join(", ")}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
