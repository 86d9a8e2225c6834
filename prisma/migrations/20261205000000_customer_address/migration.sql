-- Customers may carry a postal address (street, postcode, city, country). Customers saved before
-- have none, so their blocking keys stay as they are.
ALTER TABLE "Customer" ADD COLUMN "street" TEXT, ADD COLUMN "postcode" TEXT, ADD COLUMN "city" TEXT, ADD COLUMN "country" TEXT;
