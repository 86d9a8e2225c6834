// The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the normal wire
// protocol on a local port so that Prisma, `pg` and psql talk to it like any other server.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { freePort } from "../net/free-port.ts";
import { embeddedUrl } from "./embedded-url.ts";
import { SessionTurns } from "./session-turns.ts";

export interface EmbeddedPostgres {
  url: string;
  /** False when another process of this checkout already serves the data directory. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A directory for the data files, or "memory://" for a throw-away database. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  maxConnections?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith("memory://");
  const lockFile = inMemory ? null : `${path.resolve(options.dataDir)}.lock.json`;

  // One data directory can be opened by one process only: a second `npm run dev` joins the first.
  if (lockFile) {
    const running = await readRunningServer(lockFile);
    if (running) return { url: embeddedUrl(running.port), owned: false, stop: async () => {} };
    await mkdir(options.dataDir, { recursive: true });
  }

  const db = await PGlite.create(inMemory ? "memory://" : options.dataDir, { extensions: { pg_trgm } });
  const port = options.port || (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: options.maxConnections ?? 20 });
  // The stock queue lets connections' statements interleave (see session-turns.ts); connections
  // made after this line take turns through ours. The field is private, hence the cast.
  (server as unknown as { queryQueue: SessionTurns }).queryQueue = new SessionTurns(db);
  await server.start();
  if (lockFile) await writeFile(lockFile, JSON.stringify({ pid: process.pid, port }));

  let stopped = false;
  return {
    url: embeddedUrl(port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (lockFile) await rm(lockFile, { force: true });
    },
  };
}

async function readRunningServer(lockFile: string): Promise<{ port: number } | null> {
  let info: { pid: number; port: number };
  try {
    info = JSON.parse(await readFile(lockFile, "utf8"));
  } catch {
    return null;
  }
  try {
    process.kill(info.pid, 0);
  } catch {
    return null; // stale lock from a process that died
  }
  return (await canConnect(info.port)) ? { port: info.port } : null;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
