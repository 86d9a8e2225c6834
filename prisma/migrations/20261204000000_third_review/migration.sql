-- The third security review (#29) and signing out for real (#33).

-- Merges into one survivor, in the order they were applied: only the latest live one may be undone.
ALTER TABLE "CustomerMerge" ADD COLUMN "sequence" BIGSERIAL NOT NULL;
CREATE UNIQUE INDEX "CustomerMerge_sequence_key" ON "CustomerMerge"("sequence");

-- A signed-in session, named in its cookie: signing out deletes it, and a copied cookie stops working.
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Refused callbacks are counted per minute and reason, not stored one row each: a flood of forged
-- requests adds at most one row a minute per reason.
DROP TABLE "InboxRejection";
CREATE TABLE "InboxRejection" (
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxRejection_pkey" PRIMARY KEY ("source","reason","minute")
);
CREATE INDEX "InboxRejection_minute_idx" ON "InboxRejection"("minute");
