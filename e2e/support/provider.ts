// The sandbox provider the e2e app runs beside it: its admin endpoints count shipments and set faults.
import { providerAdmin } from "../../lib/provider/admin-client.ts";
import type { Faults } from "../../lib/provider/faults.ts";
import { E2E_PROVIDER_URL } from "./env.ts";

const sandbox = providerAdmin(E2E_PROVIDER_URL);

export async function shipmentsOf(orderId: string): Promise<number> {
  return (await sandbox.shipments(orderId)).count;
}

export async function setFaults(change: Partial<Faults>): Promise<void> {
  await sandbox.faults(change);
}
