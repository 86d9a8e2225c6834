// The inbox: a callback is recorded by (source, message ID) in the same transaction as its effect.
// However often and however concurrently one message arrives, one transaction inserts its row and
// applies it; every other copy finds the row (waiting, if need be, for the first to commit), counts
// itself as a repeat and changes nothing else.
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { eventIdOfKey } from "@/lib/fulfilment/lab-options.ts";
import { isUuid } from "@/lib/ids.ts";
import { applyProviderResult } from "./apply-provider-result.ts";
import { PROVIDER_SOURCE, type ProviderCallback } from "./provider-callback.ts";
import { metrics } from "@/lib/metrics/registry.ts";

export type Receipt = "applied" | "outdated" | "unmatched" | "repeat";

export async function receiveProviderCallback(db: PrismaClient, messageId: string, callback: ProviderCallback, o: { reconcileAfterMs: number }): Promise<Receipt> {
  const receipt = await receiveOnce(db, messageId, callback, o);
  metrics().inbox.inc({ outcome: receipt });
  return receipt;
}

function receiveOnce(db: PrismaClient, messageId: string, callback: ProviderCallback, o: { reconcileAfterMs: number }): Promise<Receipt> {
  const eventId = eventIdOfKey(callback.data.idempotencyKey);
  return db.$transaction(async (tx) => {
    // One statement: the row for a new message, one more repeat for a known one, or nothing at all
    // when the Integration Lab switched the inbox off for this order. Most callbacks are repeats,
    // and a repeat costs only this.
    const [row] = await tx.$queryRaw<{ inserted: boolean }[]>`
      WITH lab AS (
        SELECT (payload->'lab'->>'inboxOff')::boolean AS off FROM "OutboxEvent" WHERE id = ${isUuid(eventId) ? eventId : null}::uuid)
      INSERT INTO "InboxMessage" (source, "messageId", type, outcome)
      SELECT ${PROVIDER_SOURCE}, ${messageId}, ${callback.type}, 'received' WHERE NOT coalesce((SELECT off FROM lab), false)
      ON CONFLICT (source, "messageId") DO UPDATE SET repeats = "InboxMessage".repeats + 1, "lastRepeatAt" = now()
      RETURNING (xmax = 0) AS inserted`;
    if (!row) return (await applyProviderResult(tx, callback, o)).outcome;
    if (!row.inserted) return "repeat";
    const effect = await applyProviderResult(tx, callback, o);
    await tx.inboxMessage.update({
      where: { source_messageId: { source: PROVIDER_SOURCE, messageId } },
      data: { outcome: effect.outcome, ...(effect.outcome !== "unmatched" && { ownerId: effect.ownerId, aggregateId: effect.aggregateId }) },
    });
    return effect.outcome;
  });
}

/**
 * A callback refused at the door. It reached none of our logic; it is only counted, one row per
 * source, reason and minute, so a flood of forgeries cannot grow the table faster than that.
 */
export async function recordRejection(db: PrismaClient, source: string, reason: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "InboxRejection" (source, reason, minute, count, "lastAt") VALUES (${source}, ${reason}, date_trunc('minute', now()), 1, now())
    ON CONFLICT (source, reason, minute) DO UPDATE SET count = "InboxRejection".count + 1, "lastAt" = now()`;
}

/** Inbox rows and rejections past their retention, in batches another instance's batches skip. */
export async function deleteExpiredInbox(db: PrismaClient, { retentionMs, batchSize = 1000 }: { retentionMs: number; batchSize?: number }): Promise<number> {
  const messages = await deleteInBatches(batchSize, () => db.$executeRaw`
    DELETE FROM "InboxMessage" m USING (
      SELECT source, "messageId" FROM "InboxMessage" WHERE "receivedAt" < now() - ${retentionMs} * interval '1 millisecond'
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE m.source = batch.source AND m."messageId" = batch."messageId"`);
  const rejections = await deleteInBatches(batchSize, () => db.$executeRaw`
    DELETE FROM "InboxRejection" r USING (
      SELECT source, reason, minute FROM "InboxRejection" WHERE minute < now() - ${retentionMs} * interval '1 millisecond'
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE r.source = batch.source AND r.reason = batch.reason AND r.minute = batch.minute`);
  return messages + rejections;
}

/**
 * How long a message ID is remembered: longer than senders go on re-sending (days), so a late
 * re-send is still a repeat. After that the 5-minute timestamp window alone refuses a replay.
 */
export function inboxRetentionMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.INBOX_RETENTION_MS || 7 * 24 * 60 * 60_000);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`INBOX_RETENTION_MS must be a positive number of milliseconds, not "${env.INBOX_RETENTION_MS}"`);
  return value;
}
