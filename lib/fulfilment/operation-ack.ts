// The last step of the provider's acknowledgment protocol: once we hold an operation's result
// (from a callback or by asking), we tell the provider, which then stops re-sending its callback.
// The acknowledgment is an outbox event like any other, so a failed one is retried by the
// dispatcher, and it never applies the result again. Its ID is derived from the operation's, so the
// callback and the dispatcher's own check can both ask for it and one is written.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { enqueue, stableEventId } from "@/lib/outbox/store.ts";

export const OPERATION_ACK = "operation.ack";

export const ackEventId = (operationId: string): string => stableEventId(OPERATION_ACK, operationId);

export async function enqueueAck(db: PrismaClient | Prisma.TransactionClient, e: { ownerId: string; aggregateId: string; operationId: string }): Promise<void> {
  await enqueue(db, {
    id: ackEventId(e.operationId),
    ownerId: e.ownerId,
    topic: OPERATION_ACK,
    aggregateId: e.aggregateId,
    payload: { operationId: e.operationId },
  });
}
