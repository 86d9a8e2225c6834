// A PostgreSQL server of the test's own (initdb into a temporary directory, on a free port), for the
// one test that must stop and start a real server mid-storm without touching the machine's shared
// one. Uses the machine's PostgreSQL binaries (Debian's /usr/lib/postgresql/N/bin); as root, runs
// them as the postgres user, since the server refuses to run as root.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../net/free-port.ts";

export interface PrivatePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
}

function binaries(): string {
  const root = "/usr/lib/postgresql";
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error(`no PostgreSQL binaries under ${root}`);
  return path.join(root, version, "bin");
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  const dir = mkdtempSync(path.join(os.tmpdir(), "dedupe-pg-"));
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  const command = (cmd: string, args: string[]): [string, string[]] =>
    process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
  const asServerUser = (cmd: string, args: string[]) => {
    const result = spawnSync(...command(cmd, args), { encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  // Stopping and starting mid-test must not block the test's own clients.
  const asServerUserAsync = async (cmd: string, args: string[]) => {
    await promisify(execFile)(...command(cmd, args), { timeout: 60_000 });
  };
  asServerUser("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const startArgs = ["-D", dataDir, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"];
  asServerUser("pg_ctl", startArgs);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    // Fast shutdown: every session is cut, as in a restart by an operator or a failover.
    stop: () => asServerUserAsync("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]),
    start: () => asServerUserAsync("pg_ctl", startArgs),
    destroy() {
      try {
        asServerUser("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
