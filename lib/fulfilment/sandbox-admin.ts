// The sandbox provider's fault controls, reached from the app's server (the browser may not reach
// the sandbox, which listens on 127.0.0.1 only). Only when the sandbox is the provider.
import { providerAdmin } from "@/lib/provider/admin-client.ts";
import type { Faults } from "@/lib/provider/faults.ts";

export function sandboxUrl(env: Record<string, string | undefined> = process.env): string | null {
  return env.PROVIDER_SANDBOX === "1" && env.PROVIDER_URL ? env.PROVIDER_URL : null;
}

/** The faults in force, or null when there is no sandbox or it does not answer properly. */
export async function readSandboxFaults(): Promise<Faults | null> {
  const url = sandboxUrl();
  return url ? providerAdmin(url, 2_000).readFaults().catch(() => null) : null;
}

/** False when there is no sandbox or it refused the change. */
export async function writeSandboxFaults(change: Partial<Faults>): Promise<boolean> {
  const url = sandboxUrl();
  if (!url) return false;
  return providerAdmin(url, 2_000).faults(change).then(() => true, () => false);
}
