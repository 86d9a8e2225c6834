// An OpenFeature provider over our FeatureFlag table, so that callers ask OpenFeature and a team can
// later point them at Unleash or flagd instead. Boolean flags only; each (flag, scope) is cached for
// a few seconds, which bounds how long a flip takes to reach every instance.
import type { EvaluationContext, JsonValue, Provider, ResolutionDetails } from "@openfeature/server-sdk";
import { ErrorCode, StandardResolutionReasons } from "@openfeature/server-sdk";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { settings } from "@/lib/settings/settings.ts";

export const GLOBAL_SCOPE = "global";

/** How long a flag value is reused before it is read again. */
const FLAG_CACHE_MS = settings().FLAG_CACHE_MS;

export class DbFlagProvider implements Provider {
  readonly metadata = { name: "dedupe-desk-flag-table" } as const;
  readonly runsOn = "server" as const;
  private readonly cache = new Map<string, { at: number; value: boolean | null }>();

  constructor(
    private readonly db: PrismaClient,
    private readonly cacheMs = FLAG_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The global row, when it says off, wins (an operator's switch for everyone); else the
   * workspace's own row (`targetingKey` = the user's ID); else the default.
   */
  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    const global = await this.read(flagKey, GLOBAL_SCOPE);
    if (global === false) return { value: false, reason: StandardResolutionReasons.TARGETING_MATCH, variant: "off-globally" };
    const scope = typeof context.targetingKey === "string" && context.targetingKey ? context.targetingKey : null;
    const own = scope ? await this.read(flagKey, scope) : null;
    if (own !== null) return { value: own, reason: StandardResolutionReasons.TARGETING_MATCH, variant: own ? "on" : "off" };
    if (global !== null) return { value: global, reason: StandardResolutionReasons.STATIC, variant: global ? "on" : "off" };
    return { value: defaultValue, reason: StandardResolutionReasons.DEFAULT };
  }

  resolveStringEvaluation(_: string, defaultValue: string) {
    return Promise.resolve(typeMismatch(defaultValue));
  }
  resolveNumberEvaluation(_: string, defaultValue: number) {
    return Promise.resolve(typeMismatch(defaultValue));
  }
  resolveObjectEvaluation<T extends JsonValue>(_: string, defaultValue: T) {
    return Promise.resolve(typeMismatch(defaultValue));
  }

  /** Drops this instance's cached value after it changed the flag itself. */
  forget(flagKey: string, scope: string) {
    this.cache.delete(`${flagKey}\n${scope}`);
  }

  private async read(flagKey: string, scope: string): Promise<boolean | null> {
    const key = `${flagKey}\n${scope}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.cacheMs) return hit.value;
    const row = await this.db.featureFlag.findUnique({ where: { key_scope: { key: flagKey, scope } }, select: { enabled: true } });
    const value = row ? row.enabled : null;
    this.cache.set(key, { at: this.now(), value });
    return value;
  }
}

const typeMismatch = <T>(value: T): ResolutionDetails<T> => ({ value, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.TYPE_MISMATCH });
