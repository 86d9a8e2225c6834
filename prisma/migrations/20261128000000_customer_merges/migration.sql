-- Merging customers (#17): a merged customer stays as a tombstone pointing to its survivor, and
-- each merge is kept with what it moved, for replays and undo.

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "mergedIntoId" UUID, ADD COLUMN "mergedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CustomerMerge" (
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "intoId" UUID NOT NULL,
    "fromIds" UUID[],
    "fields" JSONB NOT NULL,
    "survivorBefore" JSONB NOT NULL,
    "moved" JSONB NOT NULL,
    "movedOrders" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMPTZ(3),

    CONSTRAINT "CustomerMerge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Customer_mergedIntoId_idx" ON "Customer"("mergedIntoId");
CREATE INDEX "CustomerMerge_ownerId_createdAt_idx" ON "CustomerMerge"("ownerId", "createdAt");
CREATE INDEX "CustomerMerge_intoId_idx" ON "CustomerMerge"("intoId");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CustomerMerge" ADD CONSTRAINT "CustomerMerge_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CustomerMerge" ADD CONSTRAINT "CustomerMerge_intoId_fkey" FOREIGN KEY ("intoId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
