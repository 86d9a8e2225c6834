"use client";

// A panel kept current by TanStack Query: asked again every `intervalMs` until `until` says the
// data is final, paused while the tab is hidden (refetchIntervalInBackground is off), asked at once
// when the tab gets focus again. One request at a time; a failure is retried by the next interval.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getApi } from "@/components/api/fetch-api.ts";

export function liveQuery<T>(options: { key: readonly unknown[]; url: string; intervalMs: number; until?: (data: T) => boolean }) {
  return queryOptions({
    queryKey: options.key,
    queryFn: ({ signal }) => getApi<T>(options.url, signal),
    refetchInterval: (query) => (query.state.data !== undefined && options.until?.(query.state.data as T) ? false : options.intervalMs),
    refetchOnWindowFocus: "always",
    staleTime: 0,
    retry: false,
  });
}

/** The data (or `initial`, rendered by the server, until the first answer) and whether the last request failed. */
export function useLiveQuery<T>(options: ReturnType<typeof liveQuery<T>>, initial?: T) {
  // With `initial`, the first refetch goes at once: the server's render may be a moment old.
  const query = useQuery({ ...options, initialData: initial });
  return { data: query.data, failed: query.isError };
}
