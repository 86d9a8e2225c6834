// The rules every duplicate-safe save obeys.
// 1. By ID: the first save of a browser-made ID creates the record; a later save of the same ID
//    creates nothing and learns which of four outcomes it is. The insert is one statement
//    (INSERT … ON CONFLICT (id) DO NOTHING), so concurrent repeats cannot both insert.
// 2. By likeness: a record that looks like existing ones is saved only when the user has seen
//    every current match and chosen "Save anyway". The insert happens only while the save holds
//    advisory locks on the keys the record could match by, and only if the check's view is current
//    under them (rule 3), so two near-identical saves at the same moment are checked one after the
//    other and the second sees the first, while unrelated saves do not wait for each other. Copies
//    of one submit first queue on a lock of their own ID, so they do not hold up other records;
//    within one server process they wait for the first copy before touching the database at all
//    (after-first-copy.ts).
// 3. Cheap: a save's cost is mostly its round trips. Under locks, a new record takes three
//    statements inside its transaction: every lock; the row holding its ID and its candidates, read
//    together with a snapshot taken after the locks were granted (so it sees what committed while it
//    waited); the insert with its decisions. A record that can (customers) first tries without a
//    transaction: the same read without locks, with a fingerprint of what the check saw; and a call
//    that takes the same locks and inserts only if the ID is still free and the fingerprint
//    unchanged. When the read finds no candidates at all, that call is part of the same statement
//    (a new record unlike any other: one statement); otherwise the candidates are scored here and
//    the call is a second statement. If anything changed in between, the locked save decides.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { prepared } from "@/lib/db/prepared.ts";
import { isLockTimeout } from "@/lib/db/unavailable.ts";
import { MATCHING } from "@/lib/matching/config.ts";
import { lockForSave } from "./save-lock.ts";
import { metrics } from "@/lib/metrics/registry.ts";
import { settings } from "@/lib/settings/settings.ts";
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

interface Existing<V> {
  ownerId: string;
  values: V;
}

/** A candidate's row as the check reads it (through JSON, with `createdAt` made a Date again). */
type CandidateRow = Record<string, unknown>;

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
  /** `SELECT "ownerId"::text AS "ownerId", <exactly the columns of values> FROM … WHERE id = …`. */
  existing: Prisma.Sql;
  /** The near-match candidates, one statement; null when there is nothing to compare (a name too short). */
  candidates: Prisma.Sql | null;
  /** The candidates that look like this record, most alike first. */
  matchesFrom: (rows: CandidateRow[]) => M[];
  /**
   * INSERT … ON CONFLICT (id) DO NOTHING, recording that the user chose to save it beside
   * `decidedMatchIds` (in the same statement where it can); true when this call inserted the row.
   */
  insert: (tx: Prisma.TransactionClient, decidedMatchIds: readonly string[]) => Promise<boolean>;
  /** Told when matching failed; the save then goes ahead without it. */
  onMatchingError?: (error: unknown) => void;
  /** The longest this save waits for each of its locks; SAVE_LOCK_TIMEOUT_MS by default. */
  lockTimeoutMs?: number;
  /** The save without a transaction, when the record has it (see rule 3). */
  unlocked?: {
    /** An expression: what the check sees, as one value. */
    fingerprint: Prisma.Sql;
    /**
     * An expression that takes `lock`'s locks and inserts only if the ID is free and the
     * fingerprint is still `seen` (an expression too): 'inserted', 'exists' or 'changed'.
     */
    insertIfUnchanged: (seen: Prisma.Sql, decidedMatchIds: readonly string[], lock: SaveLock) => Prisma.Sql;
  };
}

/** The locks a save takes, in this order: its ID, then its keys (save-lock.ts). */
interface SaveLock {
  recordKey: string;
  keys: readonly string[];
  lockTimeoutMs: number;
  matchLimitMs: number | null;
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
const SAVE_LOCK_TIMEOUT_MS = settings().SAVE_LOCK_TIMEOUT_MS;

/** The near-match check failed inside a save's own transaction, which is therefore lost. */
class CheckFailed extends Error {}

export function saveDuplicateSafe<V extends Record<string, unknown>, M extends { id: string }>(
  db: PrismaClient,
  options: SaveOptions<V, M>,
): Promise<SaveOutcome<M>> {
  // Copies arriving while the first copy of this ID runs here wait for it outside the database.
  return afterFirstCopy(options.id, async (waited) => {
    // Repeats (double submits, retries, Back) need no lock: a saved row never changes, so one read
    // answers them. A save with the unlocked path reads the row in its check instead, a round trip
    // less for a new record; but that statement costs about four plain reads (mostly planning), so
    // a copy that waited here for its first copy, almost surely a repeat, reads plainly first.
    if (waited || !options.unlocked) {
      const existing = await readExisting(db, options);
      if (existing) return counted(options, outcomeForExisting(existing, options));
    }
    if (options.unlocked) {
      const decided = await saveUnlocked(db, options, options.unlocked);
      if (decided) return counted(options, decided);
    }
    return counted(options, await saveLocked(db, options));
  });
}

/**
 * Rule 3's two statements. Null when they cannot decide (the check failed, or something changed
 * between them): the locked save then decides from scratch.
 */
async function saveUnlocked<V extends Record<string, unknown>, M extends { id: string }>(
  db: PrismaClient,
  o: SaveOptions<V, M>,
  unlocked: NonNullable<SaveOptions<V, M>["unlocked"]>,
): Promise<SaveOutcome<M> | null> {
  const lock = lockOf(o, o.lockKeys);
  // A failed check leaves the decision to the locked save; a lock wait that ran out in the insert
  // it ran is an answer already (503, retry), as it would be there.
  const seen = await check(db, o, { fingerprint: unlocked.fingerprint, insertIfAlone: (fp) => unlocked.insertIfUnchanged(fp, [], lock) }).catch(
    (error: unknown) => {
      if (isLockTimeout(error)) throw error;
      return null;
    },
  );
  if (!seen) return null;
  if (seen.existing) return outcomeForExisting(seen.existing, o);
  if (seen.inserted !== null) return seen.inserted === "inserted" ? { status: "created", id: o.id, matchCheck: "ok" } : null;
  const confirmed = new Set(o.confirmedMatchIds ?? []);
  if (seen.matches.some((m) => !confirmed.has(m.id))) return { status: "possible-duplicate", matches: seen.matches };
  const call = unlocked.insertIfUnchanged(
    Prisma.sql`${seen.fingerprint ?? ""}::text`,
    seen.matches.map((m) => m.id),
    lock,
  );
  const [{ result }] = await db.$queryRaw<Array<{ result: string }>>(prepared(Prisma.sql`SELECT ${call} AS result`));
  return result === "inserted" ? { status: "created", id: o.id, matchCheck: "ok" } : null;
}

async function saveLocked<V extends Record<string, unknown>, M extends { id: string }>(db: PrismaClient, options: SaveOptions<V, M>): Promise<SaveOutcome<M>> {
  try {
    return await db.$transaction((tx) => decide(tx, options, "throw"), SAVE_TRANSACTION);
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error;
    // A savepoint would have kept the transaction, at the price of a round trip on every save;
    // a failed check is rare, so it pays here instead, with a second transaction.
    options.onMatchingError?.(error.cause);
    return db.$transaction(async (tx) => {
      await lockForSave(tx, lockOf(options, []));
      return insertUnchecked(tx, options);
    }, SAVE_TRANSACTION);
  }
}

/**
 * The save, inside a transaction the caller owns, so that other writes (an API's idempotency key)
 * commit with it or not at all. A savepoint keeps that transaction usable if the check fails.
 */
export async function saveWithin<V extends Record<string, unknown>, M extends { id: string }>(
  tx: Prisma.TransactionClient,
  o: SaveOptions<V, M>,
): Promise<SaveOutcome<M>> {
  return counted(o, await decide(tx, o, "savepoint"));
}

/** Counted when decided; a caller's transaction that rolls back afterwards (rare) still counts. */
function counted<O extends SaveOutcome<unknown>>(o: { record: string; confirmedMatchIds?: readonly string[] }, outcome: O): O {
  const label =
    outcome.status === "created"
      ? o.confirmedMatchIds?.length
        ? "saved_anyway"
        : "new"
      : outcome.status === "possible-duplicate"
        ? "possible_duplicate"
        : outcome.status;
  metrics().saves.inc({ record: o.record, outcome: label });
  return outcome;
}

const lockOf = (o: { id: string; lockTimeoutMs?: number }, keys: readonly string[], matchLimitMs: number | null = null): SaveLock => ({
  recordKey: `record:${o.id}`,
  keys,
  lockTimeoutMs: o.lockTimeoutMs ?? SAVE_LOCK_TIMEOUT_MS,
  matchLimitMs,
});

async function decide<V extends Record<string, unknown>, M extends { id: string }>(
  tx: Prisma.TransactionClient,
  o: SaveOptions<V, M>,
  onCheckFailure: "throw" | "savepoint",
): Promise<SaveOutcome<M>> {
  const previousLimit = await lockForSave(tx, lockOf(o, o.lockKeys, MATCHING.statementTimeoutMs));
  if (onCheckFailure === "savepoint") await tx.$executeRaw`SAVEPOINT near_match`;
  let checked: { existing: Existing<V> | null; matches: M[] };
  try {
    checked = await check(tx, o, { previousLimit });
  } catch (error) {
    if (onCheckFailure === "throw") throw new CheckFailed("near-match check failed", { cause: error });
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT near_match`;
    await tx.$queryRaw`SELECT set_config('statement_timeout', ${previousLimit}, true)`;
    o.onMatchingError?.(error);
    return insertUnchecked(tx, o);
  }
  if (checked.existing) return outcomeForExisting(checked.existing, o);
  const confirmed = new Set(o.confirmedMatchIds ?? []);
  if (checked.matches.some((m) => !confirmed.has(m.id))) return { status: "possible-duplicate", matches: checked.matches };
  return insertOrTell(
    tx,
    o,
    checked.matches.map((m) => m.id),
    "ok",
  );
}

/**
 * One statement: the row holding this ID, if any, and, only if there is none, the candidates (and
 * the fingerprint of what they were read from). Under a save's locks it runs with the match query's
 * time limit and, last (the embedded database applies a changed limit at once), puts back the
 * statement limit the locks replaced, for the insert that follows. Without locks, `insertIfAlone`
 * inserts in the same statement when there is no row and no candidate at all (its result in
 * `inserted`; null when it did not run).
 */
async function check<V, M extends { id: string }>(
  db: Prisma.TransactionClient | PrismaClient,
  o: SaveOptions<V, M>,
  how: { previousLimit?: string; fingerprint?: Prisma.Sql; insertIfAlone?: (fingerprint: Prisma.Sql) => Prisma.Sql },
) {
  const candidates = o.candidates ? Prisma.sql`(SELECT COALESCE(json_agg(c), '[]'::json) FROM (${o.candidates}) c)` : Prisma.sql`'[]'::json`;
  const insert = how.insertIfAlone
    ? Prisma.sql`CASE WHEN s.existing IS NULL AND json_array_length(s.candidates) = 0 THEN ${how.insertIfAlone(Prisma.sql`s.fingerprint`)} END`
    : Prisma.sql`NULL`;
  type Row = { existing: ({ ownerId: string } & V) | null; candidates: CandidateRow[] | null; fingerprint: string | null; inserted: string | null };
  // OFFSET 0: each part is read once, before the insert that depends on it, not once per use.
  const [row] = await db.$queryRaw<Row[]>(
    prepared(Prisma.sql`
    SELECT s.existing, s.candidates, s.fingerprint, ${insert} AS inserted
      FROM (SELECT e.existing,
                   CASE WHEN e.existing IS NULL THEN ${candidates} END AS candidates,
                   CASE WHEN e.existing IS NULL THEN ${how.fingerprint ?? Prisma.sql`NULL`}::text END AS fingerprint,
                   ${how.previousLimit === undefined ? Prisma.sql`NULL` : Prisma.sql`set_config('statement_timeout', ${how.previousLimit}, true)`} AS restored
              FROM (SELECT (SELECT to_json(x) FROM (${o.existing}) x) AS existing OFFSET 0) e
            OFFSET 0) s
  `),
  );
  const rows = (row.candidates ?? []).map((r) => (typeof r.createdAt === "string" ? { ...r, createdAt: new Date(r.createdAt) } : r));
  return {
    existing: row.existing && splitOwner(row.existing),
    matches: row.existing ? [] : o.matchesFrom(rows),
    fingerprint: row.fingerprint,
    inserted: row.inserted,
  };
}

async function insertUnchecked<V extends Record<string, unknown>, M extends { id: string }>(
  tx: Prisma.TransactionClient,
  o: SaveOptions<V, M>,
): Promise<SaveOutcome<M>> {
  const existing = await readExisting(tx, o);
  return existing ? outcomeForExisting(existing, o) : insertOrTell(tx, o, [], "failed");
}

async function insertOrTell<V extends Record<string, unknown>, M extends { id: string }>(
  tx: Prisma.TransactionClient,
  o: SaveOptions<V, M>,
  decidedMatchIds: readonly string[],
  matchCheck: "ok" | "failed",
): Promise<SaveOutcome<M>> {
  if (await o.insert(tx, decidedMatchIds)) return { status: "created", id: o.id, matchCheck };
  // Another owner's record took this ID between our read and insert.
  const winner = await readExisting(tx, o);
  if (!winner) throw new Error(`Record ${o.id} conflicted on insert but cannot be read`);
  return outcomeForExisting(winner, o);
}

async function readExisting<V>(db: Prisma.TransactionClient | PrismaClient, o: { existing: Prisma.Sql; values: V }): Promise<Existing<V> | null> {
  const [row] = await db.$queryRaw<Array<{ ownerId: string } & V>>(prepared(o.existing));
  return row ? splitOwner(row) : null;
}

function splitOwner<V>(row: { ownerId: string } & V): Existing<V> {
  const { ownerId, ...values } = row;
  return { ownerId, values: values as V };
}

function outcomeForExisting<V extends Record<string, unknown>>(existing: Existing<V>, o: { id: string; ownerId: string; values: V }) {
  if (existing.ownerId !== o.ownerId) return { status: "foreign" } as const;
  return sameValues(existing.values, o.values) ? ({ status: "replay", id: o.id } as const) : ({ status: "conflict", id: o.id } as const);
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}
