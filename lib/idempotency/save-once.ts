// The rules every duplicate-safe save obeys.
// 1. By ID: the first save of a browser-made ID creates the record; a later save of the same ID
//    creates nothing and learns which of four outcomes it is. The insert is one statement
//    (INSERT … ON CONFLICT (id) DO NOTHING), so concurrent repeats cannot both insert.
// 2. By likeness: a record that looks like existing ones is saved only when the user has seen
//    every current match and chosen "Save anyway". The check and the insert run in one transaction
//    holding advisory locks on the keys the record could match by, so two near-identical saves at
//    the same moment are checked one after the other and the second sees the first, while
//    unrelated saves do not wait for each other. Copies of one submit first queue on a lock
//    of their own ID, so they do not hold up other records; within one server process they wait
//    for the first copy before touching the database at all (after-first-copy.ts).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { endMatchTimeLimit, lockForMatching, prepareSave } from "@/lib/matching/session.ts";
import { metrics } from "@/lib/metrics/registry.ts";
import { afterFirstCopy } from "./after-first-copy.ts";

export type SaveOutcome<M = unknown> =
  /** This call created the record. `matchCheck: "failed"` when the near-match check could not run. */
  | { status: "created"; id: string; matchCheck: "ok" | "failed" }
  /** The same owner already saved this ID with the same values: nothing new, show the record. */
  | { status: "replay"; id: string }
  /** The same owner saved this ID with other values: refuse, never overwrite. */
  | { status: "conflict"; id: string }
  /** Another user's record has this ID: refuse, and reveal nothing about it. */
  | { status: "foreign" }
  /** Nothing saved: these existing records look like this one and the user has not seen them all. */
  | { status: "possible-duplicate"; matches: M[] };

export interface Existing<V> {
  ownerId: string;
  values: V;
}

export interface SaveOptions<V, M extends { id: string }> {
  /** What is saved ("customer", "order"): the label its outcomes are counted under. */
  record: string;
  id: string;
  ownerId: string;
  values: V;
  /** IDs of the matches the user saw and chose to save beside ("Save anyway"). */
  confirmedMatchIds?: readonly string[];
  /**
   * Serialises saves that could match each other: two saves that share a key run one after the
   * other (one owner's orders of a customer share one; customers share a blocking key).
   */
  lockKeys: readonly string[];
  readExisting: (tx: Prisma.TransactionClient | PrismaClient) => Promise<Existing<V> | null>;
  findMatches: (tx: Prisma.TransactionClient) => Promise<M[]>;
  /** INSERT … ON CONFLICT (id) DO NOTHING; true when this call inserted the row. */
  insert: (tx: Prisma.TransactionClient) => Promise<boolean>;
  recordDecisions: (tx: Prisma.TransactionClient, matchIds: string[]) => Promise<void>;
  /** Told when matching failed; the save then goes ahead without it. */
  onMatchingError?: (error: unknown) => void;
  /** The longest this save waits for each of its locks; SAVE_LOCK_TIMEOUT_MS by default. */
  lockTimeoutMs?: number;
}

/**
 * Saves queue, by design: for a connection (the embedded database has one) and then for their
 * locks. Prisma's default wait to start a transaction (2 s) turned a busy moment into a failed
 * save; a save may wait up to 10 s to start and run for 15 s.
 */
export const SAVE_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * How long a save waits for a lock (its record's ID, then its near-match keys) before it
 * gives up with a retryable error (lib/db/unavailable.ts). Separate from the match query's own limit,
 * which bounds only that query: a save queued behind a slow one is not a failed check.
 */
export const SAVE_LOCK_TIMEOUT_MS = Number(process.env.SAVE_LOCK_TIMEOUT_MS) || 5_000;

export function saveDuplicateSafe<V extends Record<string, unknown>, M extends { id: string }>(
  db: PrismaClient,
  options: SaveOptions<V, M>,
): Promise<SaveOutcome<M>> {
  // Copies arriving while the first copy of this ID runs here wait for it outside the database.
  return afterFirstCopy(options.id, async () => {
    // Repeats (double submits, retries, Back) are the common case and need no lock: a saved row
    // never changes, so one read answers them. Only an unknown ID goes on to the transaction.
    const existing = await options.readExisting(db);
    if (existing) return counted(options, outcomeForExisting(existing, options));
    return db.$transaction((tx) => saveWithin(tx, options), SAVE_TRANSACTION);
  });
}

/**
 * The save, inside a transaction the caller owns, so that other writes (an API's idempotency key)
 * commit with it or not at all.
 */
export async function saveWithin<V extends Record<string, unknown>, M extends { id: string }>(
  tx: Prisma.TransactionClient,
  o: SaveOptions<V, M>,
): Promise<SaveOutcome<M>> {
  return counted(o, await decide(tx, o));
}

/** Counted when decided; a caller's transaction that rolls back afterwards (rare) still counts. */
function counted<O extends SaveOutcome<unknown>>(o: { record: string; confirmedMatchIds?: readonly string[] }, outcome: O): O {
  const label =
    outcome.status === "created" ? (o.confirmedMatchIds?.length ? "saved_anyway" : "new") : outcome.status === "possible-duplicate" ? "possible_duplicate" : outcome.status;
  metrics().saves.inc({ record: o.record, outcome: label });
  return outcome;
}

async function decide<V extends Record<string, unknown>, M extends { id: string }>(tx: Prisma.TransactionClient, o: SaveOptions<V, M>): Promise<SaveOutcome<M>> {
  // First the record's own ID: copies of one submit queue here, and once the first has committed
  // the rest read it and leave, without holding up other records' saves.
  await prepareSave(tx, `record:${o.id}`, o.lockTimeoutMs ?? SAVE_LOCK_TIMEOUT_MS);
  const existing = await o.readExisting(tx);
  if (existing) return outcomeForExisting(existing, o);
  // A failed near-match query aborts the transaction; this savepoint lets the save go on without
  // the check. It is set before the key locks, so that they are held for as few round trips
  // as possible (rolling back to it also lets go of those locks, which only serialise checks).
  await tx.$executeRaw`SAVEPOINT near_match`;
  // Then the key of everything this record could match (always in this order: no deadlocks).
  await lockForMatching(tx, o.lockKeys);

  const matches = await findMatchesOrNull(tx, o);
  if (matches) {
    const confirmed = new Set(o.confirmedMatchIds ?? []);
    if (matches.some((m) => !confirmed.has(m.id))) return { status: "possible-duplicate", matches };
  }

  if (!(await o.insert(tx))) {
    // Another owner's record took this ID between our read and insert.
    const winner = await o.readExisting(tx);
    if (!winner) throw new Error(`Record ${o.id} conflicted on insert but cannot be read`);
    return outcomeForExisting(winner, o);
  }
  if (matches && matches.length > 0) await o.recordDecisions(tx, matches.map((m) => m.id));
  return { status: "created", id: o.id, matchCheck: matches ? "ok" : "failed" };
}

/** The near-match check, or null when it failed: a failed check must not lose the save. */
async function findMatchesOrNull<M>(tx: Prisma.TransactionClient, o: { findMatches: (tx: Prisma.TransactionClient) => Promise<M[]>; onMatchingError?: (e: unknown) => void }) {
  try {
    const matches = await o.findMatches(tx); // the savepoint stays: COMMIT keeps what follows it
    await endMatchTimeLimit(tx);
    return matches;
  } catch (error) {
    // Also undoes the match query's time limit, set after the savepoint.
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT near_match`;
    o.onMatchingError?.(error);
    return null;
  }
}

function outcomeForExisting<V extends Record<string, unknown>>(existing: Existing<V>, o: { id: string; ownerId: string; values: V }) {
  if (existing.ownerId !== o.ownerId) return { status: "foreign" } as const;
  return sameValues(existing.values, o.values) ? ({ status: "replay", id: o.id } as const) : ({ status: "conflict", id: o.id } as const);
}

export function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}
