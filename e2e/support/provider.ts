// The sandbox provider the e2e app runs beside it: its admin endpoints count shipments and set faults.
import { E2E_PROVIDER_URL } from "./env.ts";

export async function shipmentsOf(orderId: string): Promise<number> {
  const res = await fetch(`${E2E_PROVIDER_URL}/admin/shipments?orderId=${orderId}`);
  return ((await res.json()) as { count: number }).count;
}

export async function setFaults(change: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${E2E_PROVIDER_URL}/admin/faults`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change) });
  if (!res.ok) throw new Error(`faults: ${res.status}`);
}
