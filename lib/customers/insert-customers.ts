// Many customers of one owner at once, with their near-match keys, as a bulk import writes them:
// 5,000 a statement. For loads that skip the near-match check (benchmarks, evaluation, imports).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { newId } from "@/lib/ids.ts";
import type { CustomerFields } from "@/lib/matching/evidence/compare.ts";
import { customerBlockingKeys } from "@/lib/matching/find-customer-matches.ts";
import { insertMatchKeys } from "@/lib/matching/match-keys.ts";
import { normalisedColumns } from "@/lib/matching/normalise.ts";

export async function insertCustomers(db: PrismaClient, ownerId: string, records: readonly CustomerFields[], batch = 5000): Promise<void> {
  for (let i = 0; i < records.length; i += batch) {
    const rows = records
      .slice(i, i + batch)
      .map((r) => ({ id: newId(), ...r, ...normalisedColumns({ name: r.name, email: r.email, phone: r.phone, company: r.company }) }));
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k] ?? null);
    await db.$executeRaw`
      INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, street, postcode, city, country, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized")
      SELECT id, ${ownerId}::uuid, name, email, phone, company, street, postcode, city, country, nn, en, pn, cn
        FROM unnest(${col("id")}::uuid[], ${col("name")}::text[], ${col("email")}::text[], ${col("phone")}::text[], ${col("company")}::text[],
                    ${col("street")}::text[], ${col("postcode")}::text[], ${col("city")}::text[], ${col("country")}::text[],
                    ${col("nameNormalized")}::text[], ${col("emailNormalized")}::text[], ${col("phoneNormalized")}::text[], ${col("companyNormalized")}::text[])
             AS t(id, name, email, phone, company, street, postcode, city, country, nn, en, pn, cn)`;
    await insertMatchKeys(
      db,
      ownerId,
      rows.map((r) => ({ id: r.id, keys: customerBlockingKeys(r).stored })),
    );
  }
}
