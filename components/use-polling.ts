"use client";

import { useEffect, useState } from "react";
import { getApi } from "@/components/api/fetch-api.ts";
import { poll } from "@/lib/net/poll.ts";

/**
 * A JSON resource kept current by polling (lib/net/poll.ts). With `initial` (rendered by the server)
 * the first request waits one interval; `failed` is true while the last request failed.
 */
export function usePolling<T>(url: string, options: { intervalMs: number; initial?: T; until?: (data: T) => boolean }) {
  const [state, setState] = useState<{ data: T | undefined; failed: boolean }>({ data: options.initial, failed: false });
  const { intervalMs, until } = options;
  const immediately = options.initial === undefined;
  useEffect(() => {
    if (options.initial !== undefined && until?.(options.initial)) return; // rendered final already
    return poll<T>({
      load: (signal) => getApi<T>(url, signal),
      intervalMs,
      until,
      immediately,
      onData: (data) => setState({ data, failed: false }),
      onError: () => setState((s) => ({ ...s, failed: true })),
    });
    // `initial` is read once, as the state's start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, intervalMs, until, immediately]);
  return state;
}
