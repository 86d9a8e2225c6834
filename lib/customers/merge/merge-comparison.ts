// What the merge page compares: the owner's live customers named, each with what would move if it
// were merged into another of them (its orders, and its duplicate decisions about records outside
// the group).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isUuid } from "@/lib/ids.ts";
import { MAX_MERGED } from "@/lib/validations/merge.ts";
import type { MergeRecord } from "./choose-fields.ts";

export interface ComparedCustomer extends MergeRecord {
  createdAt: Date;
  orders: number;
  /** Its decisions about customers outside the comparison: they move with it. */
  decisions: number;
}

export async function mergeComparison(db: PrismaClient, ownerId: string, ids: readonly string[]): Promise<ComparedCustomer[]> {
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, MAX_MERGED + 1);
  const rows = await db.customer.findMany({
    where: { id: { in: wanted }, ownerId, mergedIntoId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      company: true,
      street: true,
      postcode: true,
      city: true,
      country: true,
      createdAt: true,
      _count: { select: { orders: true } },
      decisions: { select: { matchId: true } },
      matchedBy: { select: { customerId: true } },
    },
  });
  const group = new Set(rows.map((r) => r.id));
  return rows.map(({ _count, decisions, matchedBy, ...r }) => ({
    ...r,
    orders: _count.orders,
    decisions: decisions.filter((d) => !group.has(d.matchId)).length + matchedBy.filter((d) => !group.has(d.customerId)).length,
  }));
}
