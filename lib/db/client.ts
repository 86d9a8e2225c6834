import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createPrismaClient } from "./create-client.ts";

// One client per process. In development Next re-evaluates modules on every hot reload, and a new
// client each time would open a new pool each time until Postgres runs out of connections.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`.");
    globalForPrisma.prisma = createPrismaClient(url);
  }
  return globalForPrisma.prisma;
}
