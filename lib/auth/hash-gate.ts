// Each argon2 hash costs 19 MiB and tens of milliseconds of a core. However many sign-ins and
// sign-ups arrive at once, only a few hashes run at a time (one per core) and only a short queue
// may wait; past that the attempt is refused as "busy" at once, before any hashing, rather than
// piling up memory and latency for everyone.
import { availableParallelism } from "node:os";
import pLimit from "p-limit";

const HASH_GATE = { concurrency: Math.max(1, availableParallelism()), maxQueued: 32 } as const;

export class HashGateBusy extends Error {
  constructor() {
    super("too many password hashes are waiting");
  }
}

export function createHashGate({ concurrency, maxQueued }: { concurrency: number; maxQueued: number } = HASH_GATE) {
  const limit = pLimit(concurrency);
  let started = 0;
  const run = <T>(work: () => Promise<T>): Promise<T> => {
    if (limit.activeCount >= concurrency && limit.pendingCount >= maxQueued) return Promise.reject(new HashGateBusy());
    return limit(() => {
      started += 1;
      return work();
    });
  };
  /** How many hashes this gate has let run, for a server's metrics and for tests. */
  run.started = () => started;
  return run;
}

const globalForGate = globalThis as unknown as { hashGate?: ReturnType<typeof createHashGate> };
/** The process's one gate: every hash and verification goes through it. */
export const withHashSlot = (globalForGate.hashGate ??= createHashGate());
