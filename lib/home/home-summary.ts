// What the home page tells a user first: what waits for a person (possible duplicates to review,
// failed deliveries), what was decided lately (merges, "Save anyway"), and how the integration is.
// Every figure is scoped to the user and bounded: index lookups and capped reads, never a scan of
// all their records.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { integrationOverview } from "@/lib/fulfilment/overview.ts";
import { customerNames } from "@/lib/customers/queries.ts";
import { findDuplicateGroups } from "@/lib/matching/find-duplicate-groups.ts";
import { matchingSession } from "@/lib/matching/session.ts";

/** Possible duplicates are counted among this many of the user's newest customers, as on /customers/duplicates. */
export const REVIEWED_RECENT = 1000;

export async function homeSummary(db: PrismaClient, ownerId: string, now = new Date()) {
  const [groups, merges, decisions, integration, customers] = await Promise.all([
    matchingSession(db, (tx) => findDuplicateGroups(tx, ownerId, { recent: REVIEWED_RECENT })),
    db.customerMerge.findMany({
      where: { ownerId },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, intoId: true, fromIds: true, createdAt: true, undoneAt: true, movedOrders: true },
    }),
    db.customerDuplicateDecision.findMany({
      where: { decidedById: ownerId },
      orderBy: { decidedAt: "desc" },
      take: 5,
      select: { decidedAt: true, customer: { select: { id: true, name: true } }, match: { select: { id: true, name: true } } },
    }),
    integrationOverview(db, ownerId, now),
    db.customer.findFirst({ where: { ownerId, lab: false }, select: { id: true } }),
  ]);
  const names = await customerNames(
    db,
    ownerId,
    merges.flatMap((m) => [m.intoId, ...m.fromIds]),
  );
  return {
    newcomer: !customers,
    duplicateGroups: groups.length,
    merges: merges.map((m) => ({ ...m, intoName: names.get(m.intoId) ?? "a customer", fromNames: m.fromIds.map((id) => names.get(id) ?? "a customer") })),
    decisions,
    integration: {
      enabled: integration.enabled,
      failedCount: integration.failedCount,
      waiting: integration.queue.waiting,
      breaker: integration.health.breaker,
    },
  };
}
