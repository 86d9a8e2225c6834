import { queryOptions } from "@tanstack/react-query";
import type { MatchView } from "@/lib/matching/describe.ts";
import { isPlausibleProbe, type MatchProbe } from "./match-probe.ts";

/** The API's near-match check (the same the save runs); the links open the matches' pages. */
async function fetchCustomerMatches(probe: MatchProbe, signal?: AbortSignal): Promise<MatchView[]> {
  const params = new URLSearchParams(Object.entries(probe).filter(([, v]) => v.trim() !== ""));
  const response = await fetch(`/api/v1/customers/matches?${params}`, { signal });
  if (!response.ok) throw new Error(`matches: ${response.status}`);
  const { matches } = (await response.json()) as { matches: Array<MatchView & { pageUrl: string }> };
  return matches.map((m) => ({ ...m, url: m.pageUrl }));
}

export const customerMatchesQuery = (probe: MatchProbe) =>
  queryOptions({
    queryKey: ["customer-matches", probe],
    queryFn: ({ signal }) => fetchCustomerMatches(probe, signal),
    enabled: isPlausibleProbe(probe),
    staleTime: 30_000,
    retry: false,
  });
