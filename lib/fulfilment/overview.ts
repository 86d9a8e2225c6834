// What /integrations shows about the fulfilment provider, for one user: their switch, their
// queue, their failed deliveries, and how the provider has been answering.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { DISPATCHER_ALIVE_MS } from "@/lib/outbox/store.ts";
import { switchState } from "@/lib/outbox/kill-switch.ts";
import { ORDER_PLACED, SHIPS_AN_ORDER } from "./order-placed.ts";

const RECENT_MS = 15 * 60_000;

export async function integrationOverview(db: PrismaClient, ownerId: string, now = new Date()) {
  const since = new Date(now.getTime() - RECENT_MS);
  const [flags, waiting, oldest, lastSuccess, recent, dispatchers, failed, [failedCount]] = await Promise.all([
    switchState(db, ownerId),
    db.outboxEvent.count({ where: { ownerId, status: "pending" } }),
    db.outboxEvent.findFirst({ where: { ownerId, status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.outboxEvent.findFirst({ where: { ownerId, acknowledgedAt: { not: null } }, orderBy: { acknowledgedAt: "desc" }, select: { acknowledgedAt: true } }),
    db.outboxLog.groupBy({ by: ["kind"], where: { at: { gte: since }, event: { ownerId } }, _count: { _all: true } }),
    db.outboxDispatcher.findMany({ where: { heartbeatAt: { gte: new Date(now.getTime() - DISPATCHER_ALIVE_MS) } }, select: { breaker: true } }),
    db.outboxEvent.findMany({
      where: { ownerId, status: "failed", topic: SHIPS_AN_ORDER },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, aggregateId: true, attempts: true, lastError: true, createdAt: true },
    }),
    // Lab orders' failures are counted apart: many are failures on purpose, and none waits for a person.
    db.$queryRaw<Array<{ real: number; lab: number }>>`
      SELECT count(*) FILTER (WHERE c."lab" IS NOT TRUE)::int AS real, count(*) FILTER (WHERE c."lab")::int AS lab
        FROM "OutboxEvent" e LEFT JOIN "Order" o ON o.id = e."aggregateId" LEFT JOIN "Customer" c ON c.id = o."customerId"
       WHERE e."ownerId" = ${ownerId}::uuid AND e.status = 'failed' AND e.topic LIKE ${`${ORDER_PLACED}%`}`,
  ]);
  const count = (kind: string) => recent.find((r) => r.kind === kind)?._count._all ?? 0;
  const failures = count("retrying") + count("failed");
  const attempts = failures + count("acknowledged");
  const orders = await db.order.findMany({
    where: { ownerId, id: { in: failed.map((f) => f.aggregateId) } },
    select: { id: true, description: true, customer: { select: { lab: true } } },
  });
  const byId = new Map(orders.map((o) => [o.id, o]));
  return {
    ...flags,
    queue: { waiting, oldestWaitingSince: oldest?.createdAt ?? null },
    health: {
      lastSuccessAt: lastSuccess?.acknowledgedAt ?? null,
      recentAttempts: attempts,
      recentFailureRate: attempts === 0 ? null : failures / attempts,
      dispatchers: dispatchers.length,
      breaker: dispatchers.some((d) => d.breaker === "open")
        ? "open"
        : dispatchers.some((d) => d.breaker === "half-open")
          ? "half-open"
          : dispatchers.length
            ? "closed"
            : "unknown",
    },
    failed: failed.map((f) => ({
      eventId: f.id,
      orderId: f.aggregateId,
      description: byId.get(f.aggregateId)?.description ?? "",
      lab: byId.get(f.aggregateId)?.customer.lab ?? false,
      attempts: f.attempts,
      lastError: f.lastError,
      createdAt: f.createdAt,
    })),
    /** Failed deliveries of real orders: what waits for a person. */
    failedCount: failedCount.real,
    failedLabCount: failedCount.lab,
  };
}
