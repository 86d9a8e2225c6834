-- The home page lists a user's recent "Save anyway" decisions: an index lookup, not a scan.
CREATE INDEX "CustomerDuplicateDecision_decidedById_decidedAt_idx" ON "CustomerDuplicateDecision"("decidedById", "decidedAt");
