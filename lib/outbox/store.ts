// The only writer of the outbox's tables (OutboxEvent, OutboxLog): queuing an event, and each state
// change, each one statement (with its log line), so a crash between two of them leaves nothing
// half-done. Claims use FOR UPDATE SKIP LOCKED and a lease: several dispatchers take disjoint
// batches, and a dead dispatcher's claims free themselves.
import { v5 as uuidv5 } from "uuid";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import { newId } from "@/lib/ids.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface NewEvent {
  /** A stable ID (stableEventId) makes queuing the same event twice write it once; default: a new one. */
  id?: string;
  ownerId: string;
  topic: string;
  payload: Prisma.InputJsonObject;
}

/**
 * What the event is about: a record that exists (`aggregateId`), or the row that `insertedBy` (an
 * INSERT … RETURNING id, which may insert nothing) inserts, queued in the same statement. An event
 * then exists if and only if its record was committed, and it costs the save no round trip
 * (bench:outbox).
 */
export type EventSubject = { aggregateId: string } | { insertedBy: Prisma.Sql };

/** Queues an event, in the caller's transaction. True when it was written (not already there). */
export async function enqueue(db: Db, event: NewEvent & EventSubject): Promise<boolean> {
  const record = "insertedBy" in event;
  const written = await db.$executeRaw`
    ${record ? Prisma.sql`WITH record AS (${event.insertedBy})` : Prisma.empty}
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload)
    SELECT ${event.id ?? newId()}::uuid, ${event.ownerId}::uuid, ${event.topic},
           ${record ? Prisma.sql`record.id` : Prisma.sql`${event.aggregateId}::uuid`}, ${JSON.stringify(event.payload)}::jsonb
    ${record ? Prisma.sql`FROM record` : Prisma.empty}
    ON CONFLICT (id) DO NOTHING`;
  return written === 1;
}

// Our namespace for name-based event IDs (any fixed UUID will do; this one is ours alone).
const EVENT_NAMESPACE = "0b6f3e8e-4f55-4c8a-9a55-7d0d9c1f2b61";

/**
 * The ID of the one event of `topic` about `key` (an operation, a merge): whoever queues it, and
 * however often, it is written once.
 */
export const stableEventId = (topic: string, key: string): string => uuidv5(`${topic}:${key}`, EVENT_NAMESPACE);

export interface ClaimedEvent {
  id: string;
  ownerId: string;
  topic: string;
  aggregateId: string;
  payload: unknown;
  status: "pending" | "acknowledged";
  attempts: number;
  operationId: string | null;
  retryFrom: Date;
}

/**
 * Claims due events of the given owners: pending ones to send (counting the attempt now, so an
 * attempt that crashes still counts) and acknowledged ones to check. A pending event waits while an
 * earlier event of the same aggregate is still pending, so one order's events leave in order.
 */
export async function claimDue(db: PrismaClient, o: ClaimOptions): Promise<ClaimedEvent[]> {
  if (o.ownerIds.length === 0 || o.limit <= 0) return [];
  return db.$queryRaw<ClaimedEvent[]>(claimStatement(o));
}

export interface ClaimOptions {
  claim: string;
  ownerIds: string[];
  limit: number;
  leaseMs: number;
}

/**
 * The claim as one statement. Returned in the order the events were due: calls start in that
 * order, and the breaker hears their outcomes in it.
 *
 * It reads a bounded number of rows whatever the backlog: for each owner, a walk down the index of
 * waiting events by (owner, due time, sequence) that stops after `CANDIDATES_PER_SLOT × limit`
 * candidates; those are locked (skipping what another dispatcher is claiming right now) and the
 * first `limit` taken. Sorting the owner's whole queue instead cost 17 ms of database CPU per
 * claim at 10,000 waiting, the largest share of a drain's.
 *
 * The outer query repeats the due and lease conditions on purpose: the candidates were read
 * without locks, and another dispatcher may claim one of them and commit before this statement
 * locks it. FOR UPDATE then re-reads the row's committed version and checks the conditions
 * against it, which is what keeps a just-claimed event from being claimed twice.
 *
 * The predecessor check must go through the partial index of pending events by aggregate whatever
 * the table's statistics say (none yet, an earlier burst's dead rows, taken while nothing was
 * pending): through the owner's index or the sequence's it scanned the owner's whole queue once
 * per event (3-7 s for a claim of 50 out of 10,000). So its owner and sequence conditions are
 * written in forms no index serves (`IS NOT DISTINCT FROM` on a non-null column is `=`; `+ 0`
 * changes no value), which leaves the aggregate as the only way in (lib/outbox/claim-plan.test.ts).
 */
export function claimStatement(o: ClaimOptions): Prisma.Sql {
  const candidates = o.limit * CANDIDATES_PER_SLOT;
  return Prisma.sql`
    WITH claimed AS (
      UPDATE "OutboxEvent" e
         SET "leaseUntil" = now() + ${o.leaseMs} * interval '1 millisecond', "leasedBy" = ${o.claim},
             attempts = CASE WHEN e.status = 'pending' THEN e.attempts + 1 ELSE e.attempts END
       WHERE e.id IN (
         SELECT c.id FROM "OutboxEvent" c
          WHERE c.id = ANY (ARRAY(
                  SELECT w.id FROM unnest(${o.ownerIds}::uuid[]) AS owner(id)
                   CROSS JOIN LATERAL (
                     SELECT d.id, d."nextAttemptAt", d.sequence FROM "OutboxEvent" d
                      WHERE d."ownerId" = owner.id AND d.status IN ('pending', 'acknowledged') AND d."nextAttemptAt" <= now()
                        AND (d."leaseUntil" IS NULL OR d."leaseUntil" < now())
                        AND NOT (d.status = 'pending' AND EXISTS (
                          SELECT 1 FROM "OutboxEvent" p
                           WHERE p."aggregateId" = d."aggregateId" AND p.status = 'pending' AND p.sequence + 0 < d.sequence AND p."ownerId" IS NOT DISTINCT FROM d."ownerId"))
                      ORDER BY d."nextAttemptAt", d.sequence
                      LIMIT ${candidates}) w
                   ORDER BY w."nextAttemptAt", w.sequence
                   LIMIT ${candidates}))
            AND c.status IN ('pending', 'acknowledged') AND c."nextAttemptAt" <= now()
            AND (c."leaseUntil" IS NULL OR c."leaseUntil" < now())
          ORDER BY c."nextAttemptAt", c.sequence
          LIMIT ${o.limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING e.id, e."ownerId", e.topic, e."aggregateId", e.payload, e.status, e.attempts, e."operationId", e."retryFrom", e."nextAttemptAt", e.sequence)
    SELECT id, "ownerId", topic, "aggregateId", payload, status, attempts, "operationId", "retryFrom" FROM claimed
     ORDER BY "nextAttemptAt", sequence`;
}

/**
 * Candidates read per event claimed: room for what other dispatchers' claims hold locked at the
 * same moment (they skip each other), so a round still fills with three or four of them at once.
 */
const CANDIDATES_PER_SLOT = 4;

/** Gives back what one claim still holds (a dispatcher stopping mid-round): due again at once. */
export function releaseClaim(db: PrismaClient, claim: string): Promise<number> {
  return db.$executeRaw`
    UPDATE "OutboxEvent" SET "leaseUntil" = NULL
     WHERE "leasedBy" = ${claim} AND status IN ('pending', 'acknowledged') AND "leaseUntil" > now()`;
}

export interface OwnerPosition {
  ownerId: string;
  /** When the owner's oldest due event became due. */
  due: Date;
}

/**
 * Owners with work due, the longest-waiting first, one page at a time (pass the last of a page as
 * `after` for the next). Owners whose own switch is off are left out here, in the query, so any
 * number of paused workspaces cannot fill a page and starve the rest; the kill switch is still
 * asked about each owner returned (the global switch, and a flip this query has not seen).
 *
 * It costs a few index probes per owner, whatever each owner's backlog: the owners are found by
 * skipping from one to the next along the index of waiting events by (owner, due time, sequence),
 * and each one's oldest due event is that index's first entry for it. Grouping every due event
 * instead read the whole backlog every round (6 ms at 10,000 waiting, the second-largest share of
 * a drain's database CPU). An owner whose due events are all in flight may be listed; its claim
 * then finds nothing.
 */
export function ownersWithDueEvents(db: PrismaClient, o: OwnersOptions): Promise<OwnerPosition[]> {
  return db.$queryRaw<OwnerPosition[]>(ownersStatement(o));
}

export interface OwnersOptions {
  switchKey: string;
  pageSize?: number;
  after?: OwnerPosition | null;
}

export function ownersStatement(o: OwnersOptions): Prisma.Sql {
  const after = o.after ?? null;
  return Prisma.sql`
    WITH RECURSIVE owner AS (
      SELECT (SELECT e."ownerId" FROM "OutboxEvent" e
               WHERE e.status IN ('pending', 'acknowledged') AND e."nextAttemptAt" <= now()
               ORDER BY e."ownerId" LIMIT 1) AS id
      UNION ALL
      SELECT (SELECT e."ownerId" FROM "OutboxEvent" e
               WHERE e.status IN ('pending', 'acknowledged') AND e."nextAttemptAt" <= now() AND e."ownerId" > owner.id
               ORDER BY e."ownerId" LIMIT 1)
        FROM owner WHERE owner.id IS NOT NULL
    ), due AS (
      SELECT owner.id::text AS "ownerId",
             (SELECT min(e."nextAttemptAt") FROM "OutboxEvent" e
               WHERE e."ownerId" = owner.id AND e.status IN ('pending', 'acknowledged') AND e."nextAttemptAt" <= now()) AS due
        FROM owner
       WHERE owner.id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "FeatureFlag" f WHERE f.key = ${o.switchKey} AND f.scope = owner.id::text AND NOT f.enabled)
    )
    SELECT "ownerId", due FROM due
     WHERE ${after === null}::boolean OR (due, "ownerId") > (${after?.due ?? new Date(0)}::timestamptz, ${after?.ownerId ?? ""}::text)
     ORDER BY due, "ownerId"
     LIMIT ${o.pageSize ?? 500}`;
}

/**
 * A paused workspace (or, with `ownerId` null, every workspace) is switched back on: the time its
 * waiting events spent paused does not count against their retry window (maxAgeMs). An event that
 * waited since before the pause gets the pause added; one queued during it starts its window now.
 */
export async function discountPause(db: Pick<PrismaClient, "$executeRaw">, o: { ownerId: string | null; pausedAt: Date }): Promise<number> {
  return db.$executeRaw`
    UPDATE "OutboxEvent" SET "retryFrom" = "retryFrom" + (now() - GREATEST("retryFrom", ${o.pausedAt}::timestamptz))
     WHERE status IN ('pending', 'acknowledged') AND "retryFrom" < now()
       AND (${o.ownerId}::uuid IS NULL OR "ownerId" = ${o.ownerId}::uuid)`;
}

/**
 * An event whose outcome the caller may write: a dispatcher by its claim, or (`claim: null`) a
 * caller that holds the event's row lock (lockEvent: the provider's callback).
 */
export type Held = { id: string; claim: string | null };

// A dispatcher's outcome is written only while its claim is still ours: one that was too slow and
// lost its lease to another writes nothing (the other's outcome stands). A callback's outcome, under
// the row lock, is written whoever holds the claim, and ends it: the dispatcher then writes nothing.
const heldBy = (claim: string | null, alias = "") => Prisma.sql`(${claim}::text IS NULL OR ${Prisma.raw(alias)}"leasedBy" = ${claim})`;

export interface LockedEvent {
  id: string;
  topic: string;
  ownerId: string;
  aggregateId: string;
  status: string;
  operationId: string | null;
  attempts: number;
}

/**
 * The event with this ID, locked for the caller's transaction: a dispatcher writing its own
 * outcome for it waits, then finds its claim gone.
 */
export async function lockEvent(tx: Prisma.TransactionClient, id: string): Promise<LockedEvent | null> {
  const [event] = await tx.$queryRaw<LockedEvent[]>`
    SELECT id, topic, "ownerId", "aggregateId", status, "operationId", attempts FROM "OutboxEvent" WHERE id = ${id}::uuid FOR UPDATE`;
  return event ?? null;
}

/** What the receiver reported about an event, on its timeline, whether or not it changed anything. */
export async function logReport(db: Db, event: { id: string; attempts: number }, detail: string) {
  await db.$executeRaw`INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) VALUES (${event.id}::uuid, 'provider', ${event.attempts}, ${detail})`;
}

/** An event the provider took, with the operation it opened for it. */
export interface Taken {
  id: string;
  operationId: string;
}

/**
 * The provider took these events (one round's, under one claim) and will report their results: one
 * statement for the whole round, so a drain costs one outcome write per round, not per event.
 */
export async function markAcknowledged(db: Db, claim: string | null, taken: Taken[], reconcileAfterMs: number, source = "") {
  if (taken.length === 0) return;
  await db.$executeRaw`
    WITH t AS (SELECT * FROM unnest(${taken.map((t) => t.id)}::uuid[], ${taken.map((t) => t.operationId)}::text[]) AS t(id, "operationId")),
    u AS (
      UPDATE "OutboxEvent" e SET status = 'acknowledged', "operationId" = t."operationId", "acknowledgedAt" = now(),
             "nextAttemptAt" = now() + ${reconcileAfterMs} * interval '1 millisecond', "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
        FROM t WHERE e.id = t.id AND ${heldBy(claim, "e.")} RETURNING e.id, e.attempts, e."operationId")
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'acknowledged', attempts, 'operation ' || "operationId" || ${source} FROM u`;
}

export async function markRetrying(db: Db, e: Held, error: string, delayMs: number) {
  await db.$executeRaw`
    WITH u AS (
      UPDATE "OutboxEvent" SET status = 'pending', "lastError" = ${error}, "nextAttemptAt" = now() + ${delayMs} * interval '1 millisecond',
             "leaseUntil" = NULL, "leasedBy" = NULL
       WHERE id = ${e.id}::uuid AND ${heldBy(e.claim)} RETURNING id, attempts)
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'retrying', attempts, ${error} FROM u`;
}

export async function markFailed(db: Db, e: Held, error: string) {
  await db.$executeRaw`
    WITH u AS (
      UPDATE "OutboxEvent" SET status = 'failed', "lastError" = ${error}, "leaseUntil" = NULL, "leasedBy" = NULL
       WHERE id = ${e.id}::uuid AND ${heldBy(e.claim)} RETURNING id, attempts)
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'failed', attempts, ${error} FROM u`;
}

/**
 * The provider's result: the event is done, and the order remembers its shipment (in the same
 * statement, so no crash leaves one without the other; "order.placed" and its variants are the
 * topics that ship an order, lib/fulfilment/order-placed.ts). `operationId` when the result names the
 * operation the event had not yet been told of (a callback that overtook the acknowledgment).
 */
export async function markConfirmed(db: Db, e: Held, result: { shipmentId: string; operationId?: string; source?: string }) {
  await db.$executeRaw`
    WITH u AS (
      UPDATE "OutboxEvent" SET status = 'confirmed', "shipmentId" = ${result.shipmentId}, "operationId" = COALESCE(${result.operationId ?? null}, "operationId"),
             "confirmedAt" = now(), "acknowledgedAt" = COALESCE("acknowledgedAt", now()), "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
       WHERE id = ${e.id}::uuid AND ${heldBy(e.claim)} RETURNING id, attempts, topic, "aggregateId"),
    o AS (
      UPDATE "Order" SET "shipmentId" = ${result.shipmentId} WHERE id IN (SELECT "aggregateId" FROM u WHERE topic LIKE 'order.placed%'))
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'confirmed', attempts, ${`shipment ${result.shipmentId}${result.source ?? ""}`} FROM u`;
}

/**
 * An event that asks nothing more of the provider once it answered (an acknowledgment): taken and
 * done at once. Logged as "acknowledged", the kind /integrations counts as a call that went through.
 */
export async function markDelivered(db: Db, e: Held) {
  await db.$executeRaw`
    WITH u AS (
      UPDATE "OutboxEvent" SET status = 'confirmed', "acknowledgedAt" = now(), "confirmedAt" = now(), "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
       WHERE id = ${e.id}::uuid AND ${heldBy(e.claim)} RETURNING id, attempts)
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'acknowledged', attempts, 'the provider took it' FROM u`;
}

/** An acknowledged event whose result is not in yet (or could not be asked for): look again later. */
export async function checkAgainLater(db: Db, e: Held, delayMs: number, error: string | null) {
  await db.$executeRaw`
    UPDATE "OutboxEvent" SET "nextAttemptAt" = now() + ${delayMs} * interval '1 millisecond', "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = ${error}
     WHERE id = ${e.id}::uuid AND ${heldBy(e.claim)}`;
}

/**
 * Failed events back in the queue as one batch: the same IDs, so the provider recognises any it
 * already took. Only the given owner's (unless the operator runs it for all), only failed ones.
 */
export async function requeueFailed(db: PrismaClient, o: { ownerId: string | null; ids: string[] | null; by: string }): Promise<number> {
  const ids = o.ids ?? [];
  return db.$executeRaw`
    WITH u AS (
      UPDATE "OutboxEvent" SET status = 'pending', attempts = 0, "nextAttemptAt" = now(), "retryFrom" = now(), "lastError" = NULL
       WHERE status = 'failed'
         AND (${o.ownerId}::uuid IS NULL OR "ownerId" = ${o.ownerId}::uuid)
         AND (${o.ids === null} OR id = ANY(${ids}::uuid[]))
       RETURNING id)
    INSERT INTO "OutboxLog" ("eventId", kind, attempt, detail) SELECT id, 'requeued', 0, ${`requeued by ${o.by}`} FROM u`;
}

/** The events about these records of one owner, whatever their state (the records are being deleted). */
export async function deleteEventsAbout(db: Db, ownerId: string, aggregateIds: string[]): Promise<number> {
  return db.$executeRaw`DELETE FROM "OutboxEvent" WHERE "ownerId" = ${ownerId}::uuid AND "aggregateId" = ANY(${aggregateIds}::uuid[])`;
}

/** Confirmed events past their retention, in batches that skip rows another instance is deleting. */
export async function deleteDeliveredEvents(db: PrismaClient, { retentionMs, batchSize = 1000 }: { retentionMs: number; batchSize?: number }): Promise<number> {
  return deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "OutboxEvent" e USING (
      SELECT id FROM "OutboxEvent" WHERE status = 'confirmed' AND "confirmedAt" < now() - ${retentionMs} * interval '1 millisecond'
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE e.id = batch.id`,
  );
}

/** A dispatcher that has not reported for this long (it reports every 5 s) is taken to be gone. */
export const DISPATCHER_ALIVE_MS = 30_000;

/** Reports of dispatchers silent for an hour (stopped or killed). */
export function deleteSilentDispatchers(db: PrismaClient): Promise<number> {
  return db.$executeRaw`DELETE FROM "OutboxDispatcher" WHERE "heartbeatAt" < now() - interval '1 hour'`;
}
