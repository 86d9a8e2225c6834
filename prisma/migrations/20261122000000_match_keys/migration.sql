-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "emailDomain" TEXT,
ADD COLUMN "phoneSuffix" TEXT;

-- Backfill from the normalised copies (7 = MATCHING.customer.phoneSuffixDigits).
UPDATE "Customer" SET
  "emailDomain" = NULLIF(split_part("emailNormalized", '@', 2), ''),
  "phoneSuffix" = CASE WHEN length("phoneNormalized") >= 7 THEN right("phoneNormalized", 7) END;

-- CreateIndex
CREATE INDEX "Customer_ownerId_emailDomain_idx" ON "Customer"("ownerId", "emailDomain");

-- CreateIndex
CREATE INDEX "Customer_ownerId_phoneSuffix_idx" ON "Customer"("ownerId", "phoneSuffix");
