import { normalisedColumns } from "../../lib/matching/normalise.ts";
import { customerBlockingKeys } from "../../lib/matching/find-customer-matches.ts";
import { newId } from "../../lib/ids.ts";
import { sql } from "./db.ts";

/** A customer row as the app would save it, straight into the database. */
export async function seedCustomer(
  ownerId: string,
  c: { name: string; email?: string; phone?: string; company?: string; street?: string; postcode?: string; city?: string; country?: string },
): Promise<string> {
  const id = newId();
  const n = normalisedColumns({ name: c.name, email: c.email, phone: c.phone, company: c.company });
  await sql(
    `INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, street, postcode, city, country, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      ownerId,
      c.name,
      c.email ?? null,
      c.phone ?? null,
      c.company ?? null,
      c.street ?? null,
      c.postcode ?? null,
      c.city ?? null,
      c.country ?? null,
      n.nameNormalized,
      n.emailNormalized,
      n.phoneNormalized,
      n.companyNormalized,
    ],
  );
  await sql(`INSERT INTO "CustomerMatchKey" ("ownerId", key, "customerId") SELECT $1, k, $2 FROM unnest($3::text[]) AS k`, [
    ownerId,
    id,
    customerBlockingKeys(c).stored,
  ]);
  return id;
}
