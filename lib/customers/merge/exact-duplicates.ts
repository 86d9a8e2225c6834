// "Merge all exact duplicates": every group of the owner's live customers that share a normalised
// email merges into its oldest record, a batch of groups at a time, each group in its own
// transaction. A group's merge ID is derived from its members, so a run that crashed halfway can
// simply be started again: merged groups are gone, and a group whose merge rolled back gets the
// same ID again, so nothing merges twice, even when two runs overlap.
import { v5 as uuidv5 } from "uuid";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { mergeCustomers } from "./merge-customers.ts";

const NAMESPACE = "a4f1d0c2-8b7e-4e61-9d3a-0c5b2e7f9a18";

export interface ExactGroup {
  email: string;
  /** Oldest first: the first is kept. */
  ids: string[];
}

/**
 * The owner's groups of live customers sharing a normalised email, leaving out a group whose merge
 * (exactly these records into the same one) a person undid: they said no, and a re-run would only
 * replay that merge's ID without merging, so the run would never finish.
 */
function groupsSql(ownerId: string) {
  return Prisma.sql`
    WITH g AS (
      SELECT "emailNormalized" AS email, array_agg(id ORDER BY "createdAt", id) AS ids, min("createdAt") AS first
        FROM "Customer"
       WHERE "ownerId" = ${ownerId}::uuid AND "mergedIntoId" IS NULL AND NOT "lab" AND "emailNormalized" IS NOT NULL
       GROUP BY "emailNormalized" HAVING count(*) > 1)
    SELECT * FROM g WHERE NOT EXISTS (
      SELECT 1 FROM "CustomerMerge" m
       WHERE m."ownerId" = ${ownerId}::uuid AND m."undoneAt" IS NOT NULL
         AND m."intoId" = g.ids[1] AND m."fromIds" @> g.ids[2:] AND m."fromIds" <@ g.ids[2:])`;
}

export async function exactDuplicateGroups(db: PrismaClient, ownerId: string, limit: number): Promise<ExactGroup[]> {
  return db.$queryRaw<ExactGroup[]>`
    SELECT email, ids::text[] AS ids FROM (${groupsSql(ownerId)}) groups ORDER BY first, email LIMIT ${limit}`;
}

/** How many groups and records a run would merge: the preview. */
export async function exactDuplicateCounts(db: PrismaClient, ownerId: string): Promise<{ groups: number; records: number }> {
  const [row] = await db.$queryRaw<Array<{ groups: number; records: number }>>`
    SELECT count(*)::int AS groups, coalesce(sum(cardinality(ids) - 1), 0)::int AS records FROM (${groupsSql(ownerId)}) groups`;
  return row;
}

export const exactGroupMergeId = (ownerId: string, group: ExactGroup) => uuidv5(`exact:${ownerId}:${group.ids.join(",")}`, NAMESPACE);

/** A group as people see it: the record kept and the names merged into it. */
export interface NamedGroup {
  email: string;
  kept: { id: string; name: string };
  others: string[];
}

/** The first `limit` groups a run would merge, with names: what the user confirms. */
export async function exactDuplicatePreview(db: PrismaClient, ownerId: string, limit: number): Promise<NamedGroup[]> {
  return nameGroups(db, ownerId, await exactDuplicateGroups(db, ownerId, limit));
}

async function nameGroups(db: PrismaClient, ownerId: string, groups: ExactGroup[]): Promise<NamedGroup[]> {
  const rows = await db.customer.findMany({ where: { ownerId, id: { in: groups.flatMap((g) => g.ids) } }, select: { id: true, name: true } });
  const name = new Map(rows.map((r) => [r.id, r.name]));
  return groups.map((g) => ({
    email: g.email,
    kept: { id: g.ids[0], name: name.get(g.ids[0]) ?? "" },
    others: g.ids.slice(1).map((id) => name.get(id) ?? ""),
  }));
}

/** A merge a run made, to list afterwards with its undo. */
export interface RunMerge extends NamedGroup {
  mergeId: string;
}

/** One batch: merges up to `batch` groups; says which it merged and how many groups are left. */
export async function mergeExactDuplicates(db: PrismaClient, ownerId: string, batch = 20): Promise<{ merged: RunMerge[]; remaining: number }> {
  const groups = await exactDuplicateGroups(db, ownerId, batch);
  // Named before merging: afterwards the others are tombstones (names kept, but read in one go here).
  const named = await nameGroups(db, ownerId, groups);
  const merged: RunMerge[] = [];
  for (const [i, group] of groups.entries()) {
    const outcome = await mergeCustomers(db, ownerId, { id: exactGroupMergeId(ownerId, group), into: group.ids[0], from: group.ids.slice(1) });
    // "already-merged": someone merged one of them meanwhile; the group is looked at afresh next batch.
    if (outcome.status === "merged") merged.push({ ...named[i], mergeId: outcome.merge.id });
  }
  return { merged, remaining: (await exactDuplicateCounts(db, ownerId)).groups };
}
