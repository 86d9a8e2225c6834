// Merging customers that turned out to be one: in one transaction the merged records' orders and
// duplicate decisions move to the survivor, the survivor takes the chosen values, and each merged
// record becomes a tombstone pointing to it. Nothing is deleted, so every old ID still leads
// somewhere and an undo can put everything back (undo-merge.ts).
//
// A merge has its own browser-made ID: a replay of the same request answers the same, another
// request under that ID is refused. Two merges over overlapping records lock those records in one
// order (by ID), so one waits for the other and then sees its result: never a cycle, never an
// order left on a tombstone.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { CUSTOMER_MERGED, enqueueCustomerMergeEvent } from "@/lib/fulfilment/customer-merge-events.ts";
import { insertMatchKeys } from "@/lib/matching/match-keys.ts";
import { customerBlockingKeys } from "@/lib/matching/find-customer-matches.ts";
import { normalisedColumns } from "@/lib/matching/normalise.ts";
import { chooseFields, MERGE_FIELDS, valuesOf, type FieldPicks, type MergeRecord, type MergeValues } from "./choose-fields.ts";
import { readMoved, type Moved } from "./moved.ts";

export interface MergeRequest {
  /** The merge's own ID, made by the browser (or the API client). */
  id: string;
  into: string;
  from: readonly string[];
  fields?: FieldPicks;
}

export interface MergeView {
  id: string;
  intoId: string;
  fromIds: string[];
  movedOrderIds: string[];
  movedDecisions: number;
  createdAt: Date;
  undoneAt: Date | null;
}

interface MergeRow {
  id: string;
  intoId: string;
  fromIds: string[];
  moved: unknown;
  createdAt: Date;
  undoneAt: Date | null;
}

export type MergeOutcome =
  | { status: "merged"; merge: MergeView }
  /** This merge ID already ran with this same request: nothing new. */
  | { status: "replay"; merge: MergeView }
  /** This merge ID already ran with another request (or belongs to someone else). */
  | { status: "conflict" }
  /** Some of the IDs are no customer of this owner. */
  | { status: "not-found"; ids: string[] }
  /** A record is already merged into another: `survivorId` is where it lives now. */
  | { status: "already-merged"; id: string; survivorId: string }
  | { status: "invalid"; detail: string };

type Db = PrismaClient | Prisma.TransactionClient;

interface LockedCustomer extends MergeRecord {
  mergedIntoId: string | null;
}

/**
 * The owner's customers among `ids`, locked for the rest of the transaction, in ID order: an order
 * being placed for one of them (its insert takes the row FOR KEY SHARE) waits, and then sees the
 * merge. Another user's IDs are not locked, only missing from the answer.
 */
export async function lockCustomers(tx: Prisma.TransactionClient, ownerId: string, ids: readonly string[]): Promise<LockedCustomer[]> {
  return tx.$queryRaw<LockedCustomer[]>`
    SELECT id::text, name, email, phone, company, street, postcode, city, country, "mergedIntoId"::text FROM "Customer" WHERE id = ANY(${[...ids]}::uuid[]) AND "ownerId" = ${ownerId}::uuid AND NOT "lab" ORDER BY id FOR UPDATE`;
}

/** Merges and undos wait this long to start and may run this long. */
export const MERGE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;

export function mergeView(m: MergeRow): MergeView {
  const moved = readMoved(m.moved);
  return {
    id: m.id,
    intoId: m.intoId,
    fromIds: m.fromIds,
    movedOrderIds: moved.orders.map((o) => o.id),
    movedDecisions: moved.decisions.length,
    createdAt: m.createdAt,
    undoneAt: m.undoneAt,
  };
}

const sameRequest = (m: { intoId: string; fromIds: string[]; fields: unknown }, r: MergeRequest) =>
  m.intoId === r.into && [...m.fromIds].sort().join() === [...r.from].sort().join() && JSON.stringify(m.fields) === JSON.stringify(normalisedPicks(r.fields));

const normalisedPicks = (fields: FieldPicks = {}) => Object.fromEntries(MERGE_FIELDS.filter((f) => fields[f]).map((f) => [f, fields[f]]));

/**
 * One owner's merges and undos run one at a time. They re-point duplicate decisions, which link
 * records outside the ones a merge locks, so two merges side by side could both make the same link
 * (seen on the server as a unique violation with 20 at once). Merges are rare and made by people:
 * queueing them costs nothing anyone notices.
 */
export async function lockOwnersMerges(tx: Prisma.TransactionClient, ownerId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`merges:${ownerId}`}::text, 0))::text`;
}

/** Answers for a merge ID that already ran; null when it is new. Call after `lockOwnersMerges`. */
async function existingMerge(tx: Prisma.TransactionClient, ownerId: string, request: MergeRequest): Promise<MergeOutcome | null> {
  const earlier = await tx.customerMerge.findUnique({ where: { id: request.id } });
  if (!earlier) return null;
  if (earlier.ownerId !== ownerId || !sameRequest(earlier, request)) return { status: "conflict" };
  return { status: "replay", merge: mergeView(earlier) };
}

export function mergeCustomers(db: PrismaClient, ownerId: string, request: MergeRequest): Promise<MergeOutcome> {
  return db.$transaction((tx) => mergeWithin(tx, ownerId, request), MERGE_TRANSACTION);
}

/** The merge, inside a transaction the caller owns (the API's, with its Idempotency-Key). */
export async function mergeWithin(tx: Prisma.TransactionClient, ownerId: string, request: MergeRequest): Promise<MergeOutcome> {
  const from = [...new Set(request.from)];
  if (from.length === 0) return { status: "invalid", detail: "Name at least one customer to merge." };
  if (from.includes(request.into)) return { status: "invalid", detail: "A customer cannot be merged into itself." };
  await lockOwnersMerges(tx, ownerId);
  const earlier = await existingMerge(tx, ownerId, request);
  if (earlier) return earlier;

  // Tombstones re-pointed below need no lock of their own: only this owner's merges and undos
  // (queued behind lockOwnersMerges) ever change them.
  const own = new Map((await lockCustomers(tx, ownerId, [request.into, ...from])).map((c) => [c.id, c]));
  const missing = [request.into, ...from].filter((id) => !own.has(id));
  if (missing.length > 0) return { status: "not-found", ids: missing };
  for (const id of [request.into, ...from]) {
    const c = own.get(id)!;
    if (c.mergedIntoId) return { status: "already-merged", id, survivorId: c.mergedIntoId };
  }
  const survivor = own.get(request.into)!;
  const chosen = chooseFields(
    survivor,
    from.map((id) => own.get(id)!),
    request.fields,
  );
  if (!chosen.ok) return { status: "invalid", detail: `The ${chosen.field} must come from one of the customers merged.` };

  const orders = await tx.$queryRaw<Moved["orders"]>`
    UPDATE "Order" o SET "customerId" = ${survivor.id}::uuid FROM "Order" before
     WHERE o.id = before.id AND before."customerId" = ANY(${from}::uuid[])
    RETURNING o.id::text, before."customerId"::text AS from`;
  const decisions = await moveDecisions(tx, survivor.id, from);
  // Tombstones of the merged records now point to the survivor too: a chain resolves in one step.
  const tombstones = await tx.$queryRaw<Moved["tombstones"]>`
    UPDATE "Customer" c SET "mergedIntoId" = ${survivor.id}::uuid FROM "Customer" before
     WHERE c.id = before.id AND before."mergedIntoId" = ANY(${from}::uuid[])
    RETURNING c.id::text, before."mergedIntoId"::text AS was`;
  await tx.$executeRaw`
    UPDATE "Customer" SET "mergedIntoId" = ${survivor.id}::uuid, "mergedAt" = now() WHERE id = ANY(${from}::uuid[])`;
  await setCustomerValues(tx, ownerId, survivor.id, chosen.values);
  // A tombstone is never proposed as a near-match: it has no keys until an undo brings it back.
  await tx.customerMatchKey.deleteMany({ where: { customerId: { in: from } } });

  const moved: Moved = { orders, decisions, tombstones };
  const merge = await tx.customerMerge.create({
    data: {
      id: request.id,
      ownerId,
      intoId: survivor.id,
      fromIds: from,
      fields: normalisedPicks(request.fields),
      survivorBefore: valuesOf(survivor),
      moved: moved as unknown as Prisma.InputJsonValue,
      movedOrders: orders.length,
    },
  });
  await enqueueCustomerMergeEvent(tx, ownerId, CUSTOMER_MERGED, { mergeId: merge.id, into: survivor.id, from, fields: chosen.values });
  return { status: "merged", merge: mergeView(merge) };
}

/**
 * Decisions about a merged record now speak of the survivor. One between two records of the
 * merge (or one the survivor already has) stays where it is, as history of the tombstone.
 */
async function moveDecisions(tx: Prisma.TransactionClient, into: string, from: string[]): Promise<Moved["decisions"]> {
  const group = [into, ...from];
  const rows = await tx.customerDuplicateDecision.findMany({
    where: { OR: [{ customerId: { in: from } }, { matchId: { in: from } }] },
    select: { customerId: true, matchId: true },
    orderBy: [{ customerId: "asc" }, { matchId: "asc" }],
  });
  const moves: Moved["decisions"] = [];
  const taken = new Set(
    (
      await tx.customerDuplicateDecision.findMany({ where: { OR: [{ customerId: into }, { matchId: into }] }, select: { customerId: true, matchId: true } })
    ).map((d) => `${d.customerId}:${d.matchId}`),
  );
  for (const d of rows) {
    if (group.includes(d.customerId) && group.includes(d.matchId)) continue;
    const next = { customerId: from.includes(d.customerId) ? into : d.customerId, matchId: from.includes(d.matchId) ? into : d.matchId };
    const key = `${next.customerId}:${next.matchId}`;
    if (taken.has(key)) continue;
    taken.add(key);
    await tx.customerDuplicateDecision.update({ where: { customerId_matchId: d }, data: next });
    moves.push({ ...next, was: d });
  }
  return moves;
}

/**
 * A customer's values and everything derived from them (normalised columns, near-match keys).
 * Merges recorded before addresses existed restore no address: absent columns keep their value.
 */
export async function setCustomerValues(tx: Db, ownerId: string, id: string, record: MergeValues): Promise<void> {
  const values = valuesOf(record);
  await tx.customer.update({ where: { id }, data: { ...values, ...normalisedColumns(values) } });
  await tx.customerMatchKey.deleteMany({ where: { customerId: id } });
  await insertMatchKeys(tx, ownerId, [{ id, keys: customerBlockingKeys(values).stored }]);
}
