// Starts the sandbox provider as a child process and waits until it answers: used by `npm run dev`
// / `npm start`, the tests and the benchmarks, so every call to it crosses real HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../net/free-port.ts";
import { clientProof, newAdminToken } from "../sandbox-provider/admin-access.ts";
import { providerAdmin, type ProviderAdmin } from "../fulfilment/sandbox-admin-client.ts";

export interface SandboxOptions {
  port?: number;
  clientId: string;
  clientSecret: string;
  /** For its /admin endpoints; a new random one when absent. */
  adminToken?: string;
  /** A directory, or "memory://" (the default) for data that goes with the process. */
  dataDir?: string;
  databaseUrl?: string;
  /** Where operations' callbacks go, signed with `webhookSecret`; without it, none are sent. */
  callbackUrl?: string;
  webhookSecret?: string;
  env?: Record<string, string>;
  /** "inherit" shows its log lines; tests keep them quiet. */
  stdio?: "inherit" | "ignore";
}

export interface Sandbox extends ProviderAdmin {
  url: string;
  clientId: string;
  clientSecret: string;
  adminToken: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "../sandbox-provider/main.ts");

export async function startSandbox(o: SandboxOptions): Promise<Sandbox> {
  const port = o.port ?? (await freePort());
  const adminToken = o.adminToken ?? newAdminToken();
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    stdio: o.stdio ?? "ignore",
    env: {
      ...process.env,
      ...o.env,
      PROVIDER_PORT: String(port),
      PROVIDER_CLIENT_ID: o.clientId,
      PROVIDER_CLIENT_SECRET: o.clientSecret,
      PROVIDER_DATA_DIR: o.dataDir ?? "memory://",
      PROVIDER_DATABASE_URL: o.databaseUrl ?? "",
      PROVIDER_CALLBACK_URL: o.callbackUrl ?? "",
      PROVIDER_WEBHOOK_SECRET: o.webhookSecret ?? "",
      PROVIDER_ADMIN_TOKEN: adminToken,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the provider sandbox exited (code ${code})`))));
  exited.catch(() => {});
  const access = { adminToken, clientSecret: o.clientSecret };
  await Promise.race([waitUntilUp(url, access), exited]);

  return {
    ...providerAdmin(url, adminToken),
    url,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    adminToken,
    child,
    stop: () => stopChild(child),
  };
}

/**
 * True when our sandbox answers at `url` (another `npm run dev` of this checkout): it accepts our
 * admin token and proves it holds our client's secret. Whatever else listens on that port is never
 * handed the credentials.
 */
export async function sandboxAnswers(url: string, o: { adminToken: string; clientSecret: string }): Promise<boolean> {
  const challenge = randomBytes(16).toString("base64url");
  try {
    const res = await fetch(`${url}/admin/health?challenge=${challenge}`, {
      headers: { Authorization: `Bearer ${o.adminToken}` },
      signal: AbortSignal.timeout(1_000),
    });
    if (!res.ok) return false;
    const proof = Buffer.from(String(((await res.json()) as { proof?: unknown }).proof ?? ""));
    const expected = Buffer.from(clientProof(o.clientSecret, challenge));
    return proof.length === expected.length && timingSafeEqual(proof, expected);
  } catch {
    return false;
  }
}

async function waitUntilUp(url: string, access: { adminToken: string; clientSecret: string }, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await sandboxAnswers(url, access)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the provider sandbox did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
