// Writing an event: in the same statement as the record it describes, so the event exists if and
// only if the record was committed, and never leaves before it. One statement, not two: a save's
// cost is mostly its round trips, and the event should add as little as possible (bench:outbox).
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { newId } from "@/lib/ids.ts";

export interface NewEvent {
  ownerId: string;
  topic: string;
  payload: Prisma.InputJsonObject;
}

/**
 * Runs `insert` (an INSERT … RETURNING id of the record, which may insert nothing) and, for the row
 * it inserted, the event about it. True when both were written.
 */
export async function insertWithEvent(tx: Prisma.TransactionClient, insert: Prisma.Sql, event: NewEvent): Promise<boolean> {
  const written = await tx.$executeRaw`
    WITH record AS (${insert})
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload)
    SELECT ${newId()}::uuid, ${event.ownerId}::uuid, ${event.topic}, record.id, ${JSON.stringify(event.payload)}::jsonb FROM record`;
  return written === 1;
}
