-- Several app instances on one database (#18): state that lived in one process's memory moves here.

-- The API rate limit, one row per caller and window, in the layout rate-limiter-flexible's
-- PostgreSQL store reads and writes (lib/api/rate-limit.ts).
CREATE TABLE "ApiRateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "ApiRateLimit_pkey" PRIMARY KEY ("key")
);

-- The Lab's short memories (requests received, orders tried), whichever instance answered.
CREATE TABLE "LabLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID NOT NULL,
    "log" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "entry" JSONB NOT NULL,

    CONSTRAINT "LabLogEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "LabLogEntry_userId_log_at_idx" ON "LabLogEntry"("userId", "log", "at");
CREATE INDEX "LabLogEntry_at_idx" ON "LabLogEntry"("at");

ALTER TABLE "LabLogEntry" ADD CONSTRAINT "LabLogEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
