-- The Duplicate Lab's customer and its orders are test data: marked, so that real lists, counts,
-- duplicate detection and merges leave them out. The Lab made that customer with these fixed values
-- (lib/lab/integration.ts); it takes part in no matching, so its blocking keys go.
ALTER TABLE "Customer" ADD COLUMN "lab" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Customer" SET "lab" = true WHERE name = 'Duplicate Lab customer' AND company = 'Integration Lab';
DELETE FROM "CustomerMatchKey" k USING "Customer" c WHERE k."customerId" = c.id AND c."lab";
