import { normaliseCompany, normaliseEmailAddress, normaliseName, normalisePhone } from "../../lib/customers/normalise.ts";
import { newId } from "../../lib/ids.ts";
import { sql } from "./db.ts";

/** A customer row as the app would save it, straight into the database. */
export async function seedCustomer(ownerId: string, c: { name: string; email?: string; phone?: string; company?: string }): Promise<string> {
  const id = newId();
  await sql(
    `INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, ownerId, c.name, c.email ?? null, c.phone ?? null, c.company ?? null, normaliseName(c.name), normaliseEmailAddress(c.email), normalisePhone(c.phone), normaliseCompany(c.company)],
  );
  return id;
}
