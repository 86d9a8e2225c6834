// The last step of the provider's acknowledgment protocol: once we hold an operation's result
// (from a callback or by asking), we tell the provider, which then stops re-sending its callback.
// The acknowledgment is an outbox event like any other, so a failed one is retried by the
// dispatcher, and it never applies the result again. Its ID is derived from the operation's, so the
// callback and the dispatcher's own check can both ask for it and one is written.
import { v5 as uuidv5 } from "uuid";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";

export const OPERATION_ACK = "operation.ack";

// Our namespace for name-based IDs (any fixed UUID will do; this one is ours alone).
const NAMESPACE = "0b6f3e8e-4f55-4c8a-9a55-7d0d9c1f2b61";

export function ackEventId(operationId: string): string {
  return uuidv5(`${OPERATION_ACK}:${operationId}`, NAMESPACE);
}

export async function enqueueAck(db: PrismaClient | Prisma.TransactionClient, e: { ownerId: string; aggregateId: string; operationId: string }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload)
    VALUES (${ackEventId(e.operationId)}::uuid, ${e.ownerId}::uuid, ${OPERATION_ACK}, ${e.aggregateId}::uuid, ${JSON.stringify({ operationId: e.operationId })}::jsonb)
    ON CONFLICT (id) DO NOTHING`;
}
