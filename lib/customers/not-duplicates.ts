// "Not a duplicate": a person looked at customers the near-match model pairs and said they are
// different people. Remembered per pair in the same table as "Save anyway" (a decision that two
// records stand apart), so both are honoured alike: the duplicates page, the home page's count and
// "Merge with…" leave a decided pair out. Undoable: the undo removes exactly the decisions it made.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export type NotDuplicatesOutcome = { status: "marked"; pairs: number; at: Date } | { status: "invalid"; detail: string };

/** Every pair among `ids` (the owner's live customers, 2 to 20 of them) is decided as different. */
export async function markNotDuplicates(db: PrismaClient, ownerId: string, ids: readonly string[], at = new Date()): Promise<NotDuplicatesOutcome> {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > 20) return { status: "invalid", detail: "Choose 2 to 20 customers." };
  const live = await db.customer.findMany({
    where: { id: { in: unique }, ownerId, mergedIntoId: null },
    select: { id: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (live.length !== unique.length) return { status: "invalid", detail: "One of these customers no longer exists or was merged." };
  // Each pair once, the newer record "decided against" the older one, as "Save anyway" records it.
  const rows = live.flatMap((older, i) => live.slice(i + 1).map((newer) => ({ customerId: newer.id, matchId: older.id, decidedById: ownerId, decidedAt: at })));
  const { count } = await db.customerDuplicateDecision.createMany({ data: rows, skipDuplicates: true });
  return { status: "marked", pairs: count, at };
}

/** Takes back the decisions one "Not a duplicate" made (those of that moment among these records). */
export async function undoNotDuplicates(db: PrismaClient, ownerId: string, ids: readonly string[], at: Date): Promise<number> {
  const { count } = await db.customerDuplicateDecision.deleteMany({
    where: { decidedById: ownerId, decidedAt: at, customerId: { in: [...ids] }, matchId: { in: [...ids] } },
  });
  return count;
}

/** Of `candidates`, those a person has decided stand apart from `customerId` (either way round). */
export async function decidedApart(db: PrismaClient, customerId: string, candidates: readonly string[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await db.customerDuplicateDecision.findMany({
    where: {
      OR: [
        { customerId, matchId: { in: [...candidates] } },
        { matchId: customerId, customerId: { in: [...candidates] } },
      ],
    },
    select: { customerId: true, matchId: true },
  });
  return new Set(rows.map((r) => (r.customerId === customerId ? r.matchId : r.customerId)));
}
