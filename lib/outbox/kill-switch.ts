// The fulfilment provider's kill switch: one per workspace (the user's), and one global that an
// operator sets from the command line (npm run provider:switch). Read through OpenFeature.
import { OpenFeature } from "@openfeature/server-sdk";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { discountPause } from "@/lib/outbox/store.ts";
import { DbFlagProvider, GLOBAL_SCOPE } from "@/lib/flags/db-flag-provider.ts";

export const FULFILMENT_SWITCH = "integrations.fulfilment-provider";
export { GLOBAL_SCOPE };

const DOMAIN = "dedupe-desk";
const globalForFlags = globalThis as unknown as { flagProvider?: DbFlagProvider };

/** The process's flag provider, over `db` (the first database it is asked for). */
function flagProvider(db: PrismaClient): DbFlagProvider {
  if (!globalForFlags.flagProvider) {
    globalForFlags.flagProvider = new DbFlagProvider(db);
    OpenFeature.setProvider(DOMAIN, globalForFlags.flagProvider);
  }
  return globalForFlags.flagProvider;
}

export interface KillSwitch {
  /** Whether this workspace's events may go to the provider now. */
  deliveryEnabled(ownerId: string): Promise<boolean>;
  /** Whether the operator's global switch lets anything go. */
  globallyEnabled(): Promise<boolean>;
}

export function killSwitch(db: PrismaClient): KillSwitch {
  flagProvider(db);
  const client = OpenFeature.getClient(DOMAIN);
  return {
    deliveryEnabled: (ownerId) => client.getBooleanValue(FULFILMENT_SWITCH, true, { targetingKey: ownerId }),
    globallyEnabled: () => client.getBooleanValue(FULFILMENT_SWITCH, true),
  };
}

/** Flips a switch and records who did it; a "flip" to the current value records nothing. */
export async function setSwitch(db: PrismaClient, o: { scope: string; enabled: boolean; changedBy: string }): Promise<{ changed: boolean }> {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.$queryRaw<{ enabled: boolean }[]>`
      SELECT enabled FROM "FeatureFlag" WHERE key = ${FULFILMENT_SWITCH} AND scope = ${o.scope} FOR UPDATE`;
    const current = before[0]?.enabled ?? true;
    await tx.featureFlag.upsert({
      where: { key_scope: { key: FULFILMENT_SWITCH, scope: o.scope } },
      create: { key: FULFILMENT_SWITCH, scope: o.scope, enabled: o.enabled },
      update: { enabled: o.enabled, updatedAt: new Date() },
    });
    if (current === o.enabled) return false;
    if (o.enabled) {
      const [paused] = await tx.$queryRaw<{ at: Date | null }[]>`
        SELECT max("changedAt") AS at FROM "FeatureFlagChange" WHERE key = ${FULFILMENT_SWITCH} AND scope = ${o.scope} AND NOT enabled`;
      if (paused?.at) await discountPause(tx, { ownerId: o.scope === GLOBAL_SCOPE ? null : o.scope, pausedAt: paused.at });
    }
    await tx.featureFlagChange.create({ data: { key: FULFILMENT_SWITCH, scope: o.scope, enabled: o.enabled, changedBy: o.changedBy } });
    return true;
  });
  globalForFlags.flagProvider?.forget(FULFILMENT_SWITCH, o.scope);
  return { changed };
}

/** What /integrations shows: the workspace's switch, the global one, and the recent flips of both. */
export async function switchState(db: PrismaClient, ownerId: string) {
  const [rows, history] = await Promise.all([
    db.featureFlag.findMany({ where: { key: FULFILMENT_SWITCH, scope: { in: [ownerId, GLOBAL_SCOPE] } }, select: { scope: true, enabled: true } }),
    db.featureFlagChange.findMany({
      where: { key: FULFILMENT_SWITCH, scope: { in: [ownerId, GLOBAL_SCOPE] } },
      orderBy: { changedAt: "desc" },
      take: 20,
      select: { id: true, scope: true, enabled: true, changedBy: true, changedAt: true },
    }),
  ]);
  const value = (scope: string) => rows.find((r) => r.scope === scope)?.enabled ?? true;
  return {
    enabled: value(ownerId),
    globallyEnabled: value(GLOBAL_SCOPE),
    history: history.map((h) => ({ id: String(h.id), global: h.scope === GLOBAL_SCOPE, enabled: h.enabled, changedBy: h.changedBy, changedAt: h.changedAt })),
  };
}
