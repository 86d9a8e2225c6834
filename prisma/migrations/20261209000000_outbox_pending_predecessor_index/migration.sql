-- The claim's check for an earlier pending event of the same aggregate gets an index on exactly
-- what it asks: pending events only, by aggregate (then owner and sequence, read from the index
-- alone). With a full index on (aggregateId, status, sequence), a table still holding an earlier
-- burst's dead rows (delivered, deleted, not yet vacuumed) made the planner prefer the owner's
-- (ownerId, status, createdAt) index and scan the owner's whole queue once per event: claims of
-- 3-6 s. The check is also written so that no other index fits it (lib/outbox/store.ts).
DROP INDEX "OutboxEvent_aggregateId_status_sequence_idx";
CREATE INDEX "OutboxEvent_aggregateId_ownerId_sequence_idx" ON "OutboxEvent"("aggregateId", "ownerId", "sequence") WHERE "status" = 'pending';
