-- Near-match by blocking keys and scored evidence (lib/matching/evidence) replaces the boolean
-- rules: their lookup columns, indexes and the distinct-names table go. Keys are computed by the
-- app (phonetic codes, nicknames, transliteration), so existing customers get theirs from
-- `backfillMatchKeys` when the app or `npm run db:migrate` starts, not from SQL here.

-- DropTrigger, DropFunction, DropTable
DROP TRIGGER "Customer_names" ON "Customer";
DROP FUNCTION "CustomerName_add_inserted"();
DROP TABLE "CustomerName";

-- DropIndex
DROP INDEX "Customer_ownerId_phoneNormalized_idx";
DROP INDEX "Customer_ownerId_nameNormalized_idx";
DROP INDEX "Customer_ownerId_emailDomain_idx";
DROP INDEX "Customer_ownerId_phoneSuffix_idx";

-- AlterTable
ALTER TABLE "Customer" DROP COLUMN "emailDomain", DROP COLUMN "phoneSuffix";

-- CreateTable
CREATE TABLE "CustomerMatchKey" (
    "ownerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "customerId" UUID NOT NULL,

    CONSTRAINT "CustomerMatchKey_pkey" PRIMARY KEY ("ownerId","key","customerId")
);

-- CreateIndex
CREATE INDEX "CustomerMatchKey_customerId_idx" ON "CustomerMatchKey"("customerId");

-- AddForeignKey
ALTER TABLE "CustomerMatchKey" ADD CONSTRAINT "CustomerMatchKey_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerMatchKey" ADD CONSTRAINT "CustomerMatchKey_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
