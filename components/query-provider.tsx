"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

// Only the parts of a page that fetch from the browser are wrapped in this, so pages without them
// do not ship TanStack Query. They share one client per browser tab (a fresh one per server
// render), so a mutation in one part refreshes a query in another.
let browserClient: QueryClient | undefined;
// A short staleTime stops refetching the same data on every focus.
const newClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });

export function QueryProvider({ children }: { children: ReactNode }) {
  const client = isServer ? newClient() : (browserClient ??= newClient());
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** A client component inside its own QueryProvider: for a panel that is the only fetching part of its page. */
export function withQueryProvider<P extends object>(Inner: (props: P) => ReactNode) {
  return function WithQueryProvider(props: P) {
    return (
      <QueryProvider>
        <Inner {...props} />
      </QueryProvider>
    );
  };
}
