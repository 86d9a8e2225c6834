-- The inbox (lib/inbox): callbacks applied once, and the ones refused at the door.

-- CreateTable
CREATE TABLE "InboxMessage" (
    "source" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ownerId" UUID,
    "aggregateId" UUID,
    "outcome" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "repeats" INTEGER NOT NULL DEFAULT 0,
    "lastRepeatAt" TIMESTAMPTZ(3),

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("source","messageId")
);

-- CreateTable
CREATE TABLE "InboxRejection" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxMessage_receivedAt_idx" ON "InboxMessage"("receivedAt");
CREATE INDEX "InboxMessage_ownerId_receivedAt_idx" ON "InboxMessage"("ownerId", "receivedAt");
CREATE INDEX "InboxRejection_source_receivedAt_idx" ON "InboxRejection"("source", "receivedAt");

-- AddForeignKey
ALTER TABLE "InboxMessage" ADD CONSTRAINT "InboxMessage_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
