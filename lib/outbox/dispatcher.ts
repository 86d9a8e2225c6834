// Takes due events out of the outbox and delivers each through its topic's handler (registered by
// the composition root: lib/startup/process-dispatcher.ts; this module imports no topic). One runs
// in every app process (and `npm run worker` runs one alone); several at once take disjoint
// batches. Durable retries live in the event's row; in memory there is only the circuit breaker
// (cockatiel), which stops calling a provider that keeps failing.
//
// A round's calls run at once, and a provider's errors usually come back sooner than its successes
// (a 503 is quick, a shipment is work). Counted as they end, a provider failing one call in three
// would look like a run of failures and trip the breaker every round. So the breaker hears each
// round's outcomes in the order the calls were made, once the round is over; it does not guard the
// calls itself: a round only claims as many events as the breaker's state allows.
import { hostname } from "node:os";
import { circuitBreaker, ConsecutiveBreaker, CircuitState, handleWhen } from "cockatiel";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { FULFILMENT_SWITCH, type KillSwitch } from "@/lib/outbox/kill-switch.ts";
import { newId } from "@/lib/ids.ts";
import { metrics } from "@/lib/metrics/registry.ts";
import type { DeliveryConfig } from "@/lib/settings/delivery.ts";
import { nextStep, type AttemptFailure } from "./retry-policy.ts";
import * as store from "./store.ts";
import { DeliveryFailure, type ResultState, type TopicHandlers } from "./topics.ts";
import type { WakeUps } from "./wake-on-notify.ts";

const counted = (outcome: string) => metrics().deliveries.inc({ outcome });

export interface DispatcherOptions {
  db: PrismaClient;
  /** Each topic's payload schema and delivery (lib/outbox/topics.ts); an event of any other topic is failed. */
  handlers: TopicHandlers;
  config: DeliveryConfig;
  killSwitch: KillSwitch;
  /** Names this dispatcher in /integrations' health panel. */
  id?: string;
  random?: () => number;
  /** Wakes the dispatcher when an event is committed (lib/outbox/wake-on-notify.ts); without it, it polls only. */
  wakeUps?: WakeUps;
}

/** Owners asked about per query while filling a round. */
const OWNER_PAGE = 500;

type BreakerState = "closed" | "open" | "half-open";

export interface Dispatcher {
  readonly id: string;
  /** One round: claim what is due, deliver it, record the outcomes. Returns how many it handled. */
  tick(): Promise<number>;
  breakerState(): BreakerState;
  start(): void;
  /**
   * Finishes the round in progress and stops. A round still running after `graceMs` (a provider
   * that hangs) gives its claims back, so another dispatcher takes those events at once instead of
   * when the lease runs out; it sends them with the same key, so the provider still acts once.
   */
  stop(graceMs?: number): Promise<void>;
}

export function createDispatcher(o: DispatcherOptions): Dispatcher {
  const id = o.id ?? `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  const random = o.random ?? Math.random;
  const breaker = circuitBreaker(
    handleWhen((error) => !(error instanceof DeliveryFailure) || error.countsAgainstProvider),
    { halfOpenAfter: o.config.breakerCooldownMs, breaker: new ConsecutiveBreaker(o.config.breakerFailures) },
  );
  let openedAt = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
    console.warn(`outbox: the provider failed ${o.config.breakerFailures} times in a row; not calling it for ${o.config.breakerCooldownMs / 1000} s`);
  });
  breaker.onReset(() => console.log("outbox: the provider answers again; delivering"));
  const health = { lastSuccessAt: null as Date | null, lastFailureAt: null as Date | null, lastError: null as string | null, reportedAt: 0, reported: "" };

  /** Half-open: cooled down, the next round sends one event to probe the provider. */
  function breakerState(): BreakerState {
    if (breaker.state === CircuitState.Closed) return "closed";
    return Date.now() - openedAt >= o.config.breakerCooldownMs ? "half-open" : "open";
  }

  /** How many events this round may take: none while the breaker cools down, one to probe after. */
  function allowance(): number {
    const state = breakerState();
    return state === "closed" ? o.config.batchSize : state === "half-open" ? 1 : 0;
  }

  async function tick(): Promise<number> {
    const limit = allowance();
    let handled = 0;
    if (limit > 0 && (await o.killSwitch.globallyEnabled())) {
      const claim = newId();
      currentClaim = claim;
      const events: store.ClaimedEvent[] = [];
      // The longest-waiting owners first, a page at a time, until the round is full.
      let after: store.OwnerPosition | null = null;
      while (events.length < limit) {
        const owners = await store.ownersWithDueEvents(o.db, { switchKey: FULFILMENT_SWITCH, pageSize: OWNER_PAGE, after });
        const enabled = (await Promise.all(owners.map(async ({ ownerId }) => ((await o.killSwitch.deliveryEnabled(ownerId)) ? ownerId : null)))).filter(
          (x): x is string => x !== null,
        );
        events.push(...(await store.claimDue(o.db, { claim, ownerIds: enabled, limit: limit - events.length, leaseMs: o.config.leaseMs })));
        if (owners.length < OWNER_PAGE) break;
        after = owners.at(-1)!;
      }
      const taken: store.Taken[] = [];
      const outcomes = await Promise.all(events.map((event) => handle({ ...event, claim }, taken)));
      try {
        await store.markAcknowledged(o.db, claim, taken, o.config.reconcileAfterMs);
      } catch (error) {
        console.error(`outbox: recording ${taken.length} acknowledgments failed (their lease runs out and they are sent again, with the same keys):`, error);
      }
      await tellBreaker(outcomes);
      handled = events.length;
    }
    await report();
    return handled;
  }

  /** How the call went, for the breaker: nothing when no call was made. */
  type Outcome = { failure: DeliveryFailure | null } | null;

  /** `taken` collects the round's acknowledgments, written together once every call has ended. */
  async function handle(event: store.ClaimedEvent & { claim: string }, taken: store.Taken[]): Promise<Outcome> {
    let outcome: Outcome = null;
    try {
      outcome = event.status === "acknowledged" ? await reconcile(event) : await send(event, taken);
    } catch (error) {
      // The outcome could not be written (the database went away): the lease runs out and the
      // event is taken again, with the same key, so nothing is doubled.
      console.error(`outbox: event ${event.id}: recording the outcome failed:`, error);
    }
    return outcome;
  }

  /** One round's outcomes, in the order its calls were made (see the top of this file). */
  async function tellBreaker(outcomes: Outcome[]) {
    for (const outcome of outcomes) {
      if (!outcome) continue;
      // Replays a known result through the breaker; once it opens, the rest are refused and dropped.
      await breaker
        .execute(async () => {
          if (outcome.failure) throw outcome.failure;
        })
        .catch(() => {});
    }
  }

  async function send(event: store.ClaimedEvent & { claim: string }, taken: store.Taken[]): Promise<Outcome> {
    const handler = o.handlers[event.topic];
    const payload = handler?.payload.safeParse(event.payload);
    if (!handler || !payload?.success) {
      await store.markFailed(
        o.db,
        event,
        handler ? `the "${event.topic}" event's payload is not one its delivery can send` : `no delivery is defined for "${event.topic}" events`,
      );
      return null;
    }
    let delivery;
    try {
      delivery = await handler.deliver(event, payload.data);
    } catch (error) {
      const failure = asFailure(error);
      failed(failure.message);
      await retryOrFail(event, failure);
      return { failure };
    }
    succeeded();
    // A notice is done once delivered; an order waits for its result.
    if ("done" in delivery) await store.markDelivered(o.db, event);
    else taken.push({ id: event.id, operationId: delivery.awaiting });
    counted("done" in delivery ? "delivered" : "acknowledged");
    return { failure: null };
  }

  /** The receiver took the event but its result is overdue: ask for it. */
  async function reconcile(event: store.ClaimedEvent & { claim: string }): Promise<Outcome> {
    const check = o.handlers[event.topic]?.checkResult;
    if (!check || !event.operationId) {
      await store.markFailed(o.db, event, `no result check is defined for "${event.topic}" events`);
      return null;
    }
    let state: ResultState;
    try {
      state = await check({ ...event, operationId: event.operationId });
    } catch (error) {
      const failure = asFailure(error);
      failed(failure.message);
      await store.checkAgainLater(
        o.db,
        event,
        failure.retryAfterMs ?? Math.min(o.config.reconcileAfterMs, o.config.backoffCapMs),
        `checking the result: ${failure.message}`,
      );
      return { failure };
    }
    succeeded();
    if (state.status === "succeeded") {
      await store.markConfirmed(o.db, event, { shipmentId: state.shipmentId });
      counted("confirmed");
    } else if (state.status === "processing") await store.checkAgainLater(o.db, event, o.config.reconcileAfterMs, null);
    else {
      // Failed or forgotten: send it again, with the same key (the provider makes one shipment per key).
      const reason = state.status === "failed" ? `the provider could not ship it: ${state.reason}` : "the provider has no record of the operation";
      await retryOrFail(event, { message: reason, retryable: true }, 0);
    }
    return { failure: null };
  }

  /**
   * After a failed attempt: again later (`delayMs`, or the policy's backoff), or failed for good when
   * the policy says so.
   */
  async function retryOrFail(event: store.ClaimedEvent & { claim: string }, failure: AttemptFailure, delayMs?: number) {
    const step = nextStep(event, failure, new Date(), o.config, random);
    if (step.kind === "retry") await store.markRetrying(o.db, event, failure.message, delayMs ?? step.delayMs);
    else await store.markFailed(o.db, event, failure.message);
    counted(step.kind === "retry" ? "retrying" : "failed");
  }

  function succeeded() {
    health.lastSuccessAt = new Date();
  }
  function failed(message: string) {
    health.lastFailureAt = new Date();
    health.lastError = message;
  }

  /** Tells /integrations how this dispatcher sees the provider: on a change, and every 5 s. */
  async function report() {
    const state = breakerState();
    const summary = `${state}|${health.lastSuccessAt?.getTime()}|${health.lastFailureAt?.getTime()}`;
    if (summary === health.reported && Date.now() - health.reportedAt < 5_000) return;
    const row = {
      breaker: state,
      heartbeatAt: new Date(),
      lastSuccessAt: health.lastSuccessAt,
      lastFailureAt: health.lastFailureAt,
      lastError: health.lastError,
    };
    await o.db.outboxDispatcher.upsert({ where: { id }, create: { id, ...row }, update: row });
    health.reported = summary;
    health.reportedAt = Date.now();
  }

  let running: Promise<void> | null = null;
  let currentClaim: string | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  let lastError = 0;
  // Set by a wake-up during a round: that round's claim may have run before the event's commit.
  let notified = false;
  let unsubscribe: (() => Promise<void>) | null = null;

  async function loop() {
    while (!stopped) {
      let handled = 0;
      notified = false;
      try {
        handled = await tick();
      } catch (error) {
        // The database or the flag store is away: keep the app up, say so now and then, try again.
        if (Date.now() - lastError > 30_000) console.error("outbox: a dispatch round failed (it tries again):", error);
        lastError = Date.now();
      }
      if (handled === 0 && !stopped && !notified)
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, o.config.pollIntervalMs).unref();
        });
    }
  }

  return {
    id,
    tick,
    breakerState,
    start() {
      if (running) return;
      unsubscribe =
        o.wakeUps?.(() => {
          notified = true;
          wake?.();
        }) ?? null;
      running = loop();
    },
    async stop(graceMs = 5_000) {
      stopped = true;
      wake?.();
      await unsubscribe?.();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        (running ?? Promise.resolve()).then(() => true),
        new Promise<false>((r) => {
          timer = setTimeout(() => r(false), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (!finished && currentClaim) await store.releaseClaim(o.db, currentClaim).catch(() => {});
      await o.db.outboxDispatcher.deleteMany({ where: { id } }).catch(() => {});
    },
  };
}

function asFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  return new DeliveryFailure(`the call to the provider failed: ${error instanceof Error ? error.message : String(error)}`, true, true);
}
