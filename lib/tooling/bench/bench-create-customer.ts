import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveCustomer } from "@/lib/customers/save-customer.ts";
import { normalisedColumns } from "@/lib/matching/normalise.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { customerSchema } from "@/lib/validations/customer.ts";

/**
 * Both modes validate with the form's schema and write one customer; they differ only in the
 * duplicate protection. "protected" is exactly what the form's server action calls; "plain" is
 * what an app without protection does: a server-made ID and an INSERT, so every copy is a new row.
 */
export async function benchCreateCustomer(db: PrismaClient, mode: "protected" | "plain", ownerId: string, body: unknown) {
  if (!isUuid(ownerId)) return { status: 400, body: { error: "x-bench-owner must be a user ID" } };
  const parsed = customerSchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: "invalid" } };
  if (mode === "protected") {
    const outcome = await saveCustomer(db, ownerId, parsed.data);
    return { status: outcome.status === "created" ? 201 : 200, body: outcome };
  }
  const { name, email, phone, company } = parsed.data;
  const values = { name, email, phone, company };
  const id = newId();
  await db.customer.create({
    data: {
      id,
      ownerId,
      ...values,
      ...normalisedColumns(values),
    },
    select: { id: true },
  });
  return { status: 201, body: { status: "created", id } };
}
