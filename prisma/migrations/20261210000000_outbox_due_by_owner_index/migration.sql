-- The claim walks each owner's waiting events in the order they are due and stops once it has
-- enough, instead of reading and sorting the owner's whole queue every round (lib/outbox/store.ts).
CREATE INDEX "OutboxEvent_ownerId_nextAttemptAt_sequence_idx" ON "OutboxEvent"("ownerId", "nextAttemptAt", "sequence") WHERE "status" IN ('pending', 'acknowledged');
