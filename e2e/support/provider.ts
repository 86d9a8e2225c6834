// The sandbox provider the e2e app runs beside it: its admin endpoints count shipments and set faults.
// The admin token is the one `npm start` made for it, kept with the app's data (.data/e2e).
import { readFileSync } from "node:fs";
import { providerAdmin, type ProviderAdmin } from "../../lib/fulfilment/sandbox-admin-client.ts";
import type { Faults } from "../../lib/sandbox-provider/faults.ts";
import { E2E_PROVIDER_URL } from "./env.ts";

let admin: ProviderAdmin | undefined;
function sandbox(): ProviderAdmin {
  return (admin ??= providerAdmin(E2E_PROVIDER_URL, JSON.parse(readFileSync(".data/e2e/provider-credentials.json", "utf8")).adminToken));
}

export async function shipmentsOf(orderId: string): Promise<number> {
  return (await sandbox().shipments(orderId)).count;
}

export async function setFaults(change: Partial<Faults>): Promise<void> {
  await sandbox().faults(change);
}

export async function readFaults(): Promise<Faults> {
  return sandbox().readFaults();
}
