"use client";

// A panel kept current by TanStack Query: asked again every `intervalMs` until `until` says the
// data is final, paused while the tab is hidden (refetchIntervalInBackground is off), asked at once
// when the tab gets focus again. One request at a time; a failure is retried by the next interval.
import { queryOptions, useQuery } from "@tanstack/react-query";

export function liveQuery<T>(options: { key: readonly unknown[]; url: string; intervalMs: number; until?: (data: T) => boolean }) {
  return queryOptions({
    queryKey: options.key,
    queryFn: ({ signal }) => getJson<T>(options.url, signal),
    refetchInterval: (query) => (query.state.data !== undefined && options.until?.(query.state.data as T) ? false : options.intervalMs),
    refetchOnWindowFocus: "always",
    staleTime: 0,
    retry: false,
  });
}

// A panel only needs to know that a request failed (it says so and the next interval tries again),
// not why: no problem+json reading here (components/api/fetch-api.ts does that for the API's forms).
async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** The data (or `initial`, rendered by the server, until the first answer) and whether the last request failed. */
export function useLiveQuery<T>(options: ReturnType<typeof liveQuery<T>>, initial?: T) {
  // With `initial`, the first refetch goes at once: the server's render may be a moment old.
  const query = useQuery({ ...options, initialData: initial });
  return { data: query.data, failed: query.isError };
}
