import assert from "node:assert/strict";
import { test } from "node:test";
import { saveCustomer } from "../customers/save-customer.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { newId } from "../ids.ts";
import { suggestCustomerMatches } from "../matching/find-customer-matches.ts";
import { distinctCustomer, seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { customerSchema } from "../validations/customer.ts";
import { createPrismaClient } from "./create-client.ts";
import { prepared, statementName } from "./prepared.ts";

const testDb = openTestPrisma();

test("only a marked statement gets a name, one per text", () => {
  const marked = (sql: Prisma.Sql) => ({ sql: sql.text });
  const check = prepared(Prisma.sql`SELECT * FROM "Customer" WHERE id = ${newId()}::uuid`);
  const again = prepared(Prisma.sql`SELECT * FROM "Customer" WHERE id = ${newId()}::uuid`);
  assert.match(statementName(marked(check)), /^p_[0-9a-f]{20}$/);
  assert.equal(statementName(marked(check)), statementName(marked(again)), "the same text with other values is the same statement");
  assert.notEqual(statementName(marked(check)), statementName(marked(prepared(Prisma.sql`SELECT 1`))));
  assert.equal(statementName(marked(Prisma.sql`SELECT * FROM "Customer" WHERE id = ${newId()}::uuid`)), undefined);
});

test("saves and suggestions prepare their statements on a server, never on the embedded database, and answer the same", async () => {
  const db = createPrismaClient(testDb.database.url, 1); // one connection: its session's statements are the ones counted
  try {
    const owner = await seedOwner(db);
    const raw = Array.from({ length: 8 }, () => distinctCustomer(newId()));
    const customers = raw.map((c) => customerSchema.parse(c));
    for (const c of customers) assert.equal((await saveCustomer(db, owner, c)).status, "created");
    for (const c of customers) assert.equal((await saveCustomer(db, owner, c)).status, "replay");
    const lookalike = customerSchema.parse({ ...raw[0], id: newId() });
    assert.deepEqual(
      (await suggestCustomerMatches(db, owner, lookalike)).map((m) => m.id),
      [customers[0].id],
    );
    assert.equal(await db.customer.count({ where: { ownerId: owner } }), 8);

    const [{ names }] = await db.$queryRaw<Array<{ names: number }>>`SELECT count(*)::int AS names FROM pg_prepared_statements WHERE name LIKE 'p\\_%'`;
    if (testDb.database.kind === "server") assert.ok(names >= 2, `the save's statement and the suggestion each prepared once: ${names}`);
    else assert.equal(names, 0);
  } finally {
    await db.$disconnect();
  }
});
