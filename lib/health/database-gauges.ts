// The figures /api/metrics reads from the database at each scrape: what every instance shares (the
// outbox's queue and dead letters, the dispatchers' breakers, the kill switch, merges). Each is one
// aggregate over a table that cleanup keeps small (delivered events and old merges age out).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { DISPATCHER_ALIVE_MS } from "@/lib/outbox/store.ts";
import { FULFILMENT_SWITCH, GLOBAL_SCOPE } from "@/lib/outbox/kill-switch.ts";
import type { Metrics } from "@/lib/metrics/registry.ts";

const STATES = ["pending", "acknowledged", "confirmed", "failed"];
const BREAKERS = ["closed", "half-open", "open"];

export interface DatabaseFigures {
  outboxEvents: Record<string, number>;
  /** Seconds the oldest due event of a workspace not paused has waited; 0 when none waits. */
  outboxLagSeconds: number;
  deadLetters: number;
  dispatchers: Record<string, number>;
  pausedGlobal: boolean;
  pausedWorkspaces: number;
  merges: { live: number; undone: number };
}

export async function databaseFigures(db: PrismaClient): Promise<DatabaseFigures> {
  const [events, [lag], dispatchers, flags, [merges]] = await Promise.all([
    db.outboxEvent.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<Array<{ seconds: number | null }>>`
      SELECT extract(epoch FROM now() - min(e."createdAt"))::float8 AS seconds FROM "OutboxEvent" e
       WHERE e.status = 'pending' AND e."nextAttemptAt" <= now()
         AND NOT EXISTS (SELECT 1 FROM "FeatureFlag" f WHERE f.key = ${FULFILMENT_SWITCH} AND f.scope = e."ownerId"::text AND NOT f.enabled)`,
    db.outboxDispatcher.groupBy({ by: ["breaker"], where: { heartbeatAt: { gte: new Date(Date.now() - DISPATCHER_ALIVE_MS) } }, _count: { _all: true } }),
    db.featureFlag.groupBy({ by: ["scope"], where: { key: FULFILMENT_SWITCH, enabled: false }, _count: { _all: true } }),
    db.$queryRaw<Array<{ live: number; undone: number }>>`
      SELECT count(*) FILTER (WHERE "undoneAt" IS NULL)::int AS live, count(*) FILTER (WHERE "undoneAt" IS NOT NULL)::int AS undone FROM "CustomerMerge"`,
  ]);
  const outboxEvents = Object.fromEntries(STATES.map((state) => [state, events.find((e) => e.status === state)?._count._all ?? 0]));
  return {
    outboxEvents,
    outboxLagSeconds: Math.max(0, lag?.seconds ?? 0),
    deadLetters: outboxEvents.failed,
    dispatchers: Object.fromEntries(BREAKERS.map((breaker) => [breaker, dispatchers.find((d) => d.breaker === breaker)?._count._all ?? 0])),
    pausedGlobal: flags.some((f) => f.scope === GLOBAL_SCOPE),
    pausedWorkspaces: flags.filter((f) => f.scope !== GLOBAL_SCOPE).length,
    merges: { live: merges?.live ?? 0, undone: merges?.undone ?? 0 },
  };
}

export async function readDatabaseGauges(db: PrismaClient, m: Metrics): Promise<void> {
  const f = await databaseFigures(db);
  for (const [state, n] of Object.entries(f.outboxEvents)) m.outboxEvents.set({ state }, n);
  m.deadLetters.set(f.deadLetters);
  m.outboxLag.set(f.outboxLagSeconds);
  for (const [breaker, n] of Object.entries(f.dispatchers)) m.dispatchers.set({ breaker }, n);
  m.killSwitch.set({ scope: "global" }, f.pausedGlobal ? 1 : 0);
  m.killSwitch.set({ scope: "workspace" }, f.pausedWorkspaces);
  m.merges.set({ state: "live" }, f.merges.live);
  m.merges.set({ state: "undone" }, f.merges.undone);
}
