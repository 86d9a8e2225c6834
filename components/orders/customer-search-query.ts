import { queryOptions } from "@tanstack/react-query";

export interface CustomerChoice {
  id: string;
  name: string;
  company: string | null;
  email?: string | null;
}

/** How a customer is named in the order form's picker and its plain select. */
export const customerLabel = (c: CustomerChoice) => (c.company ? `${c.name} (${c.company})` : c.name);

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** The user's live customers whose name contains `q`, newest first: the API's list, searched. */
export const customerSearchQuery = (q: string, limit: number) =>
  queryOptions({
    queryKey: ["customer-search", q, limit],
    queryFn: async ({ signal }) =>
      (await getJson<{ data: CustomerChoice[] }>(`/api/v1/customers?${new URLSearchParams({ q, limit: String(limit) })}`, signal)).data,
    staleTime: 30_000,
    retry: false,
  });

/** One customer's name, for an ID the form holds without it (a merged one answers as its survivor). */
export const customerByIdQuery = (id: string) =>
  queryOptions({
    queryKey: ["customer", id],
    queryFn: ({ signal }) => getJson<CustomerChoice>(`/api/v1/customers/${encodeURIComponent(id)}`, signal),
    staleTime: 60_000,
    retry: false,
  });
