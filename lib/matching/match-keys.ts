// Writing customers' blocking keys: with each save, and for customers saved before keys existed
// (or by a bulk load that wrote only the Customer rows).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createPrismaClient } from "@/lib/db/create-client.ts";
import type { CustomerFields } from "./evidence/compare.ts";
import { customerBlockingKeys } from "./find-customer-matches.ts";

type Db = Prisma.TransactionClient | PrismaClient;

/** One statement for any number of customers of one owner. */
export async function insertMatchKeys(db: Db, ownerId: string, customers: ReadonlyArray<{ id: string; keys: readonly string[] }>): Promise<void> {
  const ids = customers.flatMap((c) => c.keys.map(() => c.id));
  const keys = customers.flatMap((c) => c.keys);
  if (keys.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "CustomerMatchKey" ("ownerId", key, "customerId")
    SELECT ${ownerId}::uuid, k, c FROM unnest(${keys}::text[], ${ids}::uuid[]) AS t(k, c)
    ON CONFLICT DO NOTHING`;
}

/** Gives every customer without keys its keys (not tombstones: they have none on purpose), a batch at a time; returns how many it keyed. */
export async function backfillMatchKeys(db: PrismaClient, batch = 1000): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.$queryRaw<Array<{ id: string; ownerId: string } & Required<CustomerFields>>>`
      SELECT id::text, "ownerId"::text, name, email, phone, company, street, postcode, city, country FROM "Customer" c
       WHERE c."mergedIntoId" IS NULL AND NOT c."lab" AND NOT EXISTS (SELECT 1 FROM "CustomerMatchKey" k WHERE k."customerId" = c.id)
       LIMIT ${batch}`;
    if (rows.length === 0) return done;
    for (const ownerId of new Set(rows.map((r) => r.ownerId))) {
      const customers = rows.filter((r) => r.ownerId === ownerId);
      await insertMatchKeys(
        db,
        ownerId,
        customers.map((c) => ({ id: c.id, keys: customerBlockingKeys(c).stored })),
      );
    }
    done += rows.length;
  }
}

/** The backfill on its own connection, for start-up after the migrations. */
export async function backfillMatchKeysAt(url: string): Promise<number> {
  const db = createPrismaClient(url, 1);
  try {
    return await backfillMatchKeys(db);
  } finally {
    await db.$disconnect();
  }
}
