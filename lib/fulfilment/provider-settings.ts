// Where the fulfilment provider is and how to sign in to it: PROVIDER_URL with PROVIDER_CLIENT_ID /
// PROVIDER_CLIENT_SECRET (and PROVIDER_WEBHOOK_SECRET for its callbacks), or, for the sandbox
// `npm run dev` starts, credentials made once in .data/.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { newAdminToken } from "@/lib/sandbox-provider/admin-access.ts";
import { newSecret } from "@/lib/webhooks/signature.ts";

export const DEFAULT_PROVIDER_PORT = 4010;

export interface ProviderSettings {
  url: string;
  clientId: string;
  clientSecret: string;
}

export function providerSettings(env: Record<string, string | undefined> = process.env): ProviderSettings | null {
  const { PROVIDER_URL: url, PROVIDER_CLIENT_ID: clientId, PROVIDER_CLIENT_SECRET: clientSecret } = env;
  if (!url) return null;
  if (!clientId || !clientSecret) throw new Error("PROVIDER_URL is set: PROVIDER_CLIENT_ID and PROVIDER_CLIENT_SECRET are required too.");
  return { url: url.replace(/\/+$/, ""), clientId, clientSecret };
}

/** The sandbox's client credentials and callback signing secret, made on the first run and kept beside the embedded data. */
export async function sandboxCredentials(dataDir: string): Promise<{ clientId: string; clientSecret: string; webhookSecret: string; adminToken: string }> {
  const file = path.join(dataDir, "provider-credentials.json");
  let saved: Record<string, unknown> = {};
  try {
    saved = JSON.parse(await readFile(file, "utf8"));
  } catch {
    // first run
  }
  const credentials = {
    clientId: typeof saved.clientId === "string" ? saved.clientId : `dedupe-desk-${randomBytes(4).toString("hex")}`,
    clientSecret: typeof saved.clientSecret === "string" ? saved.clientSecret : randomBytes(24).toString("base64url"),
    // Older files have no signing secret yet: one is added.
    webhookSecret: typeof saved.webhookSecret === "string" ? saved.webhookSecret : newSecret(),
    adminToken: typeof saved.adminToken === "string" ? saved.adminToken : newAdminToken(),
  };
  if (JSON.stringify(credentials) !== JSON.stringify(saved)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  }
  return credentials;
}
