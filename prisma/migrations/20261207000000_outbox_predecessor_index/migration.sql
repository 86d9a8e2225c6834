-- The claim's predecessor check (an earlier pending event of the same order) names the aggregate,
-- the status and the sequence: with all three in the index the planner takes it even before a
-- burst of new rows has statistics. With (aggregateId, sequence) it preferred the owner's
-- (ownerId, status, createdAt) index and scanned the whole queue once per event.
DROP INDEX "OutboxEvent_aggregateId_sequence_idx";
CREATE INDEX "OutboxEvent_aggregateId_status_sequence_idx" ON "OutboxEvent"("aggregateId", "status", "sequence");
