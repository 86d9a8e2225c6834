-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "companyNormalized" TEXT;

-- CreateTable
CREATE TABLE "CustomerDuplicateDecision" (
    "customerId" UUID NOT NULL,
    "matchId" UUID NOT NULL,
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDuplicateDecision_pkey" PRIMARY KEY ("customerId","matchId")
);

-- CreateTable
CREATE TABLE "OrderDuplicateDecision" (
    "orderId" UUID NOT NULL,
    "matchId" UUID NOT NULL,
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderDuplicateDecision_pkey" PRIMARY KEY ("orderId","matchId")
);

-- CreateIndex
CREATE INDEX "Customer_ownerId_emailNormalized_idx" ON "Customer"("ownerId", "emailNormalized");

-- CreateIndex
CREATE INDEX "Customer_ownerId_phoneNormalized_idx" ON "Customer"("ownerId", "phoneNormalized");

-- CreateIndex
CREATE INDEX "Customer_ownerId_nameNormalized_idx" ON "Customer"("ownerId", "nameNormalized");

-- CreateIndex
CREATE INDEX "Customer_nameNormalized_idx" ON "Customer" USING GIN ("nameNormalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "CustomerDuplicateDecision_matchId_idx" ON "CustomerDuplicateDecision"("matchId");

-- CreateIndex
CREATE INDEX "OrderDuplicateDecision_matchId_idx" ON "OrderDuplicateDecision"("matchId");

-- AddForeignKey
ALTER TABLE "CustomerDuplicateDecision" ADD CONSTRAINT "CustomerDuplicateDecision_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerDuplicateDecision" ADD CONSTRAINT "CustomerDuplicateDecision_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerDuplicateDecision" ADD CONSTRAINT "CustomerDuplicateDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDuplicateDecision" ADD CONSTRAINT "OrderDuplicateDecision_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDuplicateDecision" ADD CONSTRAINT "OrderDuplicateDecision_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDuplicateDecision" ADD CONSTRAINT "OrderDuplicateDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
