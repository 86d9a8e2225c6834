import { queryOptions } from "@tanstack/react-query";
import type { MatchView } from "@/lib/forms/form-state.ts";

export interface MatchProbe {
  name: string;
  email: string;
  phone: string;
  company: string;
  exclude: string;
}

/** The API's near-match check (the same the save runs); the links open the matches' pages. */
export async function fetchCustomerMatches(probe: MatchProbe, signal?: AbortSignal): Promise<MatchView[]> {
  const params = new URLSearchParams(Object.entries(probe).filter(([, v]) => v.trim() !== ""));
  const response = await fetch(`/api/v1/customers/matches?${params}`, { signal });
  if (!response.ok) throw new Error(`matches: ${response.status}`);
  const { matches } = (await response.json()) as { matches: Array<MatchView & { pageUrl: string }> };
  return matches.map((m) => ({ ...m, url: m.pageUrl }));
}

/** Worth asking only once the name has a few letters or the email looks like one. */
export const isPlausibleProbe = (p: MatchProbe) => p.name.trim().length >= 3 || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email.trim());

export const customerMatchesQuery = (probe: MatchProbe) =>
  queryOptions({
    queryKey: ["customer-matches", probe],
    queryFn: ({ signal }) => fetchCustomerMatches(probe, signal),
    enabled: isPlausibleProbe(probe),
    staleTime: 30_000,
    retry: false,
  });
