// Writing an event: always inside the transaction that writes the record it describes, so the
// event exists if and only if the record was committed, and never leaves before it.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { newId } from "@/lib/ids.ts";

export interface NewEvent {
  ownerId: string;
  topic: string;
  aggregateId: string;
  payload: Prisma.InputJsonObject;
}

export async function enqueue(tx: Prisma.TransactionClient, event: NewEvent): Promise<string> {
  const id = newId();
  await tx.outboxEvent.create({ data: { id, ...event }, select: { id: true } });
  return id;
}
