// The sandbox provider's fault controls, reached from the app's server (the browser may not reach
// the sandbox, which listens on 127.0.0.1 only). Only when the sandbox is the provider.
import { providerAdmin, type ProviderAdmin } from "@/lib/fulfilment/sandbox-admin-client.ts";
import type { Faults } from "@/lib/sandbox-provider/faults.ts";

export function sandboxUrl(env: Record<string, string | undefined> = process.env): string | null {
  return env.PROVIDER_SANDBOX === "1" && env.PROVIDER_URL ? env.PROVIDER_URL : null;
}

/** The sandbox's admin client, with the token the app was started with; null when there is no sandbox. */
export function sandboxAdmin(env: Record<string, string | undefined> = process.env): ProviderAdmin | null {
  const url = sandboxUrl(env);
  return url ? providerAdmin(url, env.PROVIDER_ADMIN_TOKEN ?? "", 2_000) : null;
}

/** The faults in force, or null when there is no sandbox or it does not answer properly. */
export async function readSandboxFaults(): Promise<Faults | null> {
  return (
    (await sandboxAdmin()
      ?.readFaults()
      .catch(() => null)) ?? null
  );
}

/** False when there is no sandbox or it refused the change. */
export async function writeSandboxFaults(change: Partial<Faults>): Promise<boolean> {
  const admin = sandboxAdmin();
  return admin
    ? admin.faults(change).then(
        () => true,
        () => false,
      )
    : false;
}
