// What /integrations shows of one source's callbacks (the provider's) for one user: what their orders received,
// what was applied, what was ignored as a repeat or as out of date; and what was refused at the
// door. Refusals carry no sender we can trust, so they belong to no workspace: their counts (never
// their contents) are the app's as a whole.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

const LAST = 5;

export async function inboxOverview(db: PrismaClient, source: string, ownerId: string) {
  const mine = { source, ownerId };
  const [byOutcome, repeats, refusals, lastApplied, lastRepeated, lastRefused] = await Promise.all([
    db.inboxMessage.groupBy({ by: ["outcome"], where: mine, _count: { _all: true } }),
    db.inboxMessage.aggregate({ where: mine, _sum: { repeats: true } }),
    db.inboxRejection.groupBy({ by: ["reason"], where: { source }, _sum: { count: true } }),
    db.inboxMessage.findMany({
      where: { ...mine, outcome: "applied" },
      orderBy: { receivedAt: "desc" },
      take: LAST,
      select: { messageId: true, type: true, aggregateId: true, receivedAt: true },
    }),
    db.inboxMessage.findMany({
      where: { ...mine, repeats: { gt: 0 } },
      orderBy: { lastRepeatAt: "desc" },
      take: LAST,
      select: { messageId: true, type: true, aggregateId: true, repeats: true, lastRepeatAt: true },
    }),
    db.inboxRejection.findMany({
      where: { source },
      orderBy: { lastAt: "desc" },
      take: LAST,
      select: { reason: true, count: true, minute: true, lastAt: true },
    }),
  ]);
  const outcome = (name: string) => byOutcome.find((o) => o.outcome === name)?._count._all ?? 0;
  const refused = Object.fromEntries(refusals.map((r) => [r.reason, r._sum.count ?? 0])) as Record<string, number>;
  const repeated = repeats._sum.repeats ?? 0;
  return {
    received: outcome("applied") + outcome("outdated") + repeated,
    applied: outcome("applied"),
    outdated: outcome("outdated"),
    repeats: repeated,
    refused: { total: refusals.reduce((n, r) => n + (r._sum.count ?? 0), 0), byReason: refused },
    lastApplied,
    lastRepeated,
    lastRefused,
  };
}

export type InboxOverview = Awaited<ReturnType<typeof inboxOverview>>;
