import { after, before } from "node:test";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createPrismaClient } from "../../db/create-client.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

/**
 * A migrated database and a Prisma client for the current test file, opened before its tests and
 * dropped after them. Call at the top level of the file; read `.prisma` inside tests.
 */
export function openTestPrisma(): { readonly prisma: PrismaClient; readonly database: TestDatabase } {
  let db: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  before(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, db.kind === "embedded" ? 1 : 10);
  });
  after(async () => {
    await prisma?.$disconnect();
    await db?.close();
  });
  return {
    get prisma() {
      if (!prisma) throw new Error("openTestPrisma: the database is not open yet");
      return prisma;
    },
    get database() {
      if (!db) throw new Error("openTestPrisma: the database is not open yet");
      return db;
    },
  };
}
