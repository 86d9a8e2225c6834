-- Each owner's distinct normalised customer names: the search space of the "similar name" rule.
-- Names repeat (many customers are called "John Smith"), and a trigram search costs what the
-- posting lists of the name's trigrams hold, so searching distinct names instead of customers
-- reads fewer of them; the matches then come from the btree on ("ownerId", "nameNormalized").

-- CreateTable
CREATE TABLE "CustomerName" (
    "ownerId" UUID NOT NULL,
    "nameNormalized" TEXT NOT NULL,

    CONSTRAINT "CustomerName_pkey" PRIMARY KEY ("ownerId","nameNormalized")
);

-- CreateIndex
CREATE INDEX "CustomerName_nameNormalized_idx" ON "CustomerName" USING GIN ("nameNormalized" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "CustomerName" ADD CONSTRAINT "CustomerName_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept by the database, so that every writer (forms, API, bulk loads) keeps it: once per INSERT
-- statement, from the rows it inserted. A saved customer never changes and is never deleted but
-- with its owner, so inserts are all there is to follow.
CREATE FUNCTION "CustomerName_add_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CustomerName" ("ownerId", "nameNormalized")
  SELECT DISTINCT "ownerId", "nameNormalized" FROM inserted
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "Customer_names" AFTER INSERT ON "Customer"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "CustomerName_add_inserted"();

-- Backfill
INSERT INTO "CustomerName" ("ownerId", "nameNormalized")
SELECT DISTINCT "ownerId", "nameNormalized" FROM "Customer"
ON CONFLICT DO NOTHING;
