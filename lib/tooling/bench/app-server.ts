// Starts the production build for a benchmark, on the embedded database (or DATABASE_URL's server),
// with the benchmark-only routes open to this benchmark alone, and stops it afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "../../net/free-port.ts";
import { newBenchToken } from "./bench-gate.ts";

export interface BenchServer {
  appUrl: string;
  /** Send as BENCH_TOKEN_HEADER to reach the benchmark-only routes. */
  benchToken: string;
  databaseUrl: string;
  database: "embedded" | "server";
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("Building (npm run build)…");
    const build = spawnSync("npm", ["run", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const [port, dbPort] = [await freePort(), await freePort()];
  const benchToken = newBenchToken();
  const databaseUrl = process.env.DATABASE_URL || `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`;
  const child: ChildProcess = spawn("npx", ["tsx", "lib/startup/serve.ts", "start"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      BENCH_TOKEN: benchToken,
      PORT: String(port),
      EMBEDDED_DB: "memory",
      EMBEDDED_DB_PORT: String(dbPort),
      DATA_DIR: ".data/bench",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || "benchmark-only-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    detached: true,
  });
  const appUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${appUrl}/signin`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error("the app server exited during start-up");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    appUrl,
    benchToken,
    databaseUrl,
    database: process.env.DATABASE_URL ? "server" : "embedded",
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => child.once("exit", r));
    },
  };
}
