// The inbox: a message is recorded by (source, message ID) in the same transaction as its effect.
// However often and however concurrently one message arrives, one transaction inserts its row and
// applies it; every other copy finds the row (waiting, if need be, for the first to commit), counts
// itself as a repeat and changes nothing else. What a message does is the caller's (`apply`).
import { deleteInBatches } from "@/lib/db/delete-in-batches.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { metrics } from "@/lib/metrics/registry.ts";

export type Receipt = "applied" | "outdated" | "unmatched" | "repeat";

/** What applying a message did: changed something of an owner's, found it already done, or found nothing it is about. */
export type Effect = { outcome: "applied" | "outdated"; ownerId: string; aggregateId: string } | { outcome: "unmatched" };

export interface Message {
  source: string;
  messageId: string;
  type: string;
}

/**
 * Applies a message once. `skipInbox`, a query of one boolean, names the messages to apply without
 * recording them (the Integration Lab's "Inbox: off"); it is asked in the same statement as the
 * inbox row, so a repeat still costs one statement.
 */
export async function receiveOnce(
  db: PrismaClient,
  message: Message,
  apply: (tx: Prisma.TransactionClient) => Promise<Effect>,
  o: { skipInbox?: Prisma.Sql } = {},
): Promise<Receipt> {
  const receipt = await db.$transaction(async (tx): Promise<Receipt> => {
    const [row] = await tx.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO "InboxMessage" (source, "messageId", type, outcome)
      SELECT ${message.source}, ${message.messageId}, ${message.type}, 'received' WHERE NOT coalesce((${o.skipInbox ?? Prisma.sql`SELECT false`}), false)
      ON CONFLICT (source, "messageId") DO UPDATE SET repeats = "InboxMessage".repeats + 1, "lastRepeatAt" = now()
      RETURNING (xmax = 0) AS inserted`;
    if (!row) return (await apply(tx)).outcome;
    if (!row.inserted) return "repeat";
    const effect = await apply(tx);
    await tx.inboxMessage.update({
      where: { source_messageId: { source: message.source, messageId: message.messageId } },
      data: { outcome: effect.outcome, ...(effect.outcome !== "unmatched" && { ownerId: effect.ownerId, aggregateId: effect.aggregateId }) },
    });
    return effect.outcome;
  });
  metrics().inbox.inc({ outcome: receipt });
  return receipt;
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
  const messages = await deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "InboxMessage" m USING (
      SELECT source, "messageId" FROM "InboxMessage" WHERE "receivedAt" < now() - ${retentionMs} * interval '1 millisecond'
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE m.source = batch.source AND m."messageId" = batch."messageId"`,
  );
  const rejections = await deleteInBatches(
    batchSize,
    () => db.$executeRaw`
    DELETE FROM "InboxRejection" r USING (
      SELECT source, reason, minute FROM "InboxRejection" WHERE minute < now() - ${retentionMs} * interval '1 millisecond'
      LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    ) batch WHERE r.source = batch.source AND r.reason = batch.reason AND r.minute = batch.minute`,
  );
  return messages + rejections;
}
