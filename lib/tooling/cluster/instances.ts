// N app instances (`next start`, through lib/startup/next-server.ts) on one database, each its own
// process on its own port, as a load balancer would see them. Used by `npm run start:cluster`, its
// tests and `npm run bench:cluster`.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../net/free-port.ts";

export interface Instance {
  /** 1-based, as the launcher's log names it. */
  index: number;
  port: number;
  readonly child: ChildProcess;
  /** Stops the process the way an orchestrator does (SIGTERM), and resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts it again on the same port (after a crash or a kill), and waits until it answers. */
  restart(): Promise<void>;
}

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../startup/next-server.ts");

export async function startInstances(o: {
  count: number;
  env: Record<string, string | undefined>;
  ports?: number[];
  stdio?: "inherit" | "ignore";
  readyPath?: string;
}): Promise<Instance[]> {
  const ports = o.ports ?? (await Promise.all(Array.from({ length: o.count }, () => freePort())));
  const instances = ports.slice(0, o.count).map((port, i) => instance(i + 1, port, o));
  await Promise.all(instances.map((i) => waitUntilAnswering(i)));
  return instances;
}

function instance(
  index: number,
  port: number,
  o: { env: Record<string, string | undefined>; stdio?: "inherit" | "ignore"; readyPath?: string },
): Instance & { readyPath: string } {
  const launch = () =>
    spawn(process.execPath, ["--import", "tsx", SERVER, "start", String(port)], {
      stdio: o.stdio ?? "ignore",
      env: { ...process.env, ...o.env, NODE_ENV: "production", INSTANCE_NAME: `instance ${index}` } as NodeJS.ProcessEnv,
    });
  let child = launch();
  const self = {
    index,
    port,
    readyPath: o.readyPath ?? "/signin",
    get child() {
      return child;
    },
    stop(signal: NodeJS.Signals = "SIGTERM") {
      return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
        child.once("exit", (code, sig) => resolve({ code, signal: sig }));
        child.kill(signal);
      });
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) await self.stop();
      child = launch();
      await waitUntilAnswering(self);
    },
  };
  return self;
}

async function waitUntilAnswering(i: Instance & { readyPath?: string }, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (i.child.exitCode !== null) throw new Error(`instance ${i.index} exited during start-up (code ${i.child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${i.port}${i.readyPath ?? "/signin"}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance ${i.index} did not answer within ${timeoutMs / 1000} s`);
}
