// How the sandbox misbehaves, set at run time through PUT /admin/faults. Random faults draw from a
// seeded generator, so a run that failed can be replayed with the same seed (and the same order of
// requests).
import * as z from "zod";
import { seededRandom } from "../random/seeded-random.ts";

const rate = z.number().min(0).max(1);

export const faultsSchema = z
  .object({
    /** 503 before doing anything. */
    failureRate: rate,
    /** Does the work, then holds the answer past any client's timeout. */
    timeoutRate: rate,
    /** Does the work, then drops the connection without answering. */
    lostAckRate: rate,
    /** The shipment's work ends "failed" instead of "succeeded". */
    operationFailureRate: rate,
    /** Added to every call before anything else happens. */
    latencyMs: z.number().int().min(0).max(60_000),
    /** Every connection but /admin is dropped at once, as if nothing listened. */
    down: z.boolean(),
    /** 400 to every request, as a release that broke compatibility would. */
    incompatible: z.boolean(),
    /** How long a shipment's work takes after it was accepted. */
    workDelayMs: z.number().int().min(0).max(600_000),
    /** A callback is sent twice at once (the same message, so the same webhook-id). */
    duplicateCallbackRate: rate,
    /** A callback never arrives (it is "sent" into nothing until the operation is acknowledged). */
    callbackLossRate: rate,
    /** An operation's "processing" callback arrives after its result. */
    reorderRate: rate,
    /** Every callback is followed by a copy of it signed hours ago, as a replaying attacker would send. */
    replayOld: z.boolean(),
    /** Seeds the generator behind every *Rate; setting it starts the sequence again. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

export const faultsUpdateSchema = faultsSchema.partial();

export function defaultFaults(env: NodeJS.ProcessEnv = process.env): Faults {
  return {
    failureRate: 0,
    timeoutRate: 0,
    lostAckRate: 0,
    operationFailureRate: 0,
    latencyMs: 0,
    down: false,
    incompatible: false,
    duplicateCallbackRate: 0,
    callbackLossRate: 0,
    reorderRate: 0,
    replayOld: false,
    workDelayMs: Number(env.PROVIDER_WORK_DELAY_MS ?? 500),
    seed: Number(env.PROVIDER_FAULT_SEED ?? 1),
  };
}

export class FaultState {
  private current: Faults;
  private random: () => number;

  constructor(initial: Faults) {
    this.current = initial;
    this.random = seededRandom(initial.seed);
  }

  get value(): Faults {
    return this.current;
  }

  update(change: Partial<Faults>): Faults {
    this.current = { ...this.current, ...change };
    if (change.seed !== undefined) this.random = seededRandom(change.seed);
    return this.current;
  }

  /** True with the probability of the named rate (and draws nothing when the rate is 0). */
  roll(name: "failureRate" | "timeoutRate" | "lostAckRate" | "operationFailureRate" | "duplicateCallbackRate" | "callbackLossRate" | "reorderRate"): boolean {
    const p = this.current[name];
    return p > 0 && this.random() < p;
  }
}
