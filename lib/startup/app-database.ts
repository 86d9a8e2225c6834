// The database a command-line tool works on: DATABASE_URL, else this checkout's embedded database
// (joining the running `npm run dev` when there is one).
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createPrismaClient } from "../db/create-client.ts";
import { startEmbeddedPostgres } from "../db/embedded.ts";

export async function openAppDatabase(): Promise<{ db: PrismaClient; dataDir: string; close(): Promise<void> }> {
  const dataDir = path.resolve(process.env.DATA_DIR || ".data");
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
  const db = createPrismaClient(process.env.DATABASE_URL || embedded!.url, embedded ? 1 : undefined);
  return {
    db,
    dataDir,
    async close() {
      await db.$disconnect();
      await embedded?.stop();
    },
  };
}
