// The sandbox's /admin endpoints, from another process: the tests and benchmarks, the e2e suite,
// and the fault form on /integrations all speak to it through this one client, with its admin token.
import { faultsSchema, type Faults } from "../sandbox-provider/faults.ts";
import type { ProviderStats } from "../sandbox-provider/server.ts";

export interface ProviderAdmin {
  readFaults(): Promise<Faults>;
  /** A partial update; answers the faults now in force. */
  faults(change: Partial<Faults>): Promise<Faults>;
  stats(): Promise<ProviderStats>;
  shipments(orderId?: string): Promise<{ count: number; shipments: { id: string; orderId: string; customerId: string | null; idempotencyKey: string }[] }>;
  /** The customer merges the provider applied, each once however often it was sent. */
  customerMerges(): Promise<Array<{ mergeId: string; into: string; from: string[]; moved: number; undone: boolean }>>;
}

export function providerAdmin(url: string, adminToken: string, timeoutMs = 10_000): ProviderAdmin {
  const call = async <T>(pathname: string, init?: RequestInit): Promise<T> => {
    const headers = { "Content-Type": "application/json", Authorization: `Bearer ${adminToken}` };
    const res = await fetch(`${url}${pathname}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    if (!res.ok) throw new Error(`provider ${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    readFaults: async () => faultsSchema.parse(await call("/admin/faults")),
    faults: (change) => call("/admin/faults", { method: "PUT", body: JSON.stringify(change) }),
    stats: () => call("/admin/stats"),
    shipments: (orderId) => call(`/admin/shipments${orderId ? `?orderId=${encodeURIComponent(orderId)}` : ""}`),
    customerMerges: () => call("/admin/customer-merges"),
  };
}
