// The sandbox provider's fault controls, reached from the app's server (the browser may not reach
// the sandbox, which listens on 127.0.0.1 only). Only when the sandbox is the provider.
import { faultsSchema, type Faults } from "@/lib/provider/faults.ts";

export function sandboxUrl(env: Record<string, string | undefined> = process.env): string | null {
  return env.PROVIDER_SANDBOX === "1" && env.PROVIDER_URL ? env.PROVIDER_URL : null;
}

export async function readSandboxFaults(): Promise<Faults | null> {
  const url = sandboxUrl();
  if (!url) return null;
  try {
    const res = await fetch(`${url}/admin/faults`, { signal: AbortSignal.timeout(2_000), cache: "no-store" });
    const parsed = faultsSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeSandboxFaults(change: Partial<Faults>): Promise<boolean> {
  const url = sandboxUrl();
  if (!url) return false;
  try {
    const res = await fetch(`${url}/admin/faults`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change), signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}
