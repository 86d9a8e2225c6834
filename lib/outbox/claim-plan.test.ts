// A burst of orders lands in a table whose statistics still describe it as it was. The claim must
// not depend on autovacuum having caught up: its check for an earlier pending event of the same
// order has to go through the aggregate's index, not scan the owner's whole queue once per event
// (which made a claim of 50 out of 10,000 take 7 s on the PostgreSQL server).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { newId } from "../ids.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { claimStatement } from "./store.ts";

let db: TestDatabase;
let client: pg.Client;
before(async () => {
  db = await createTestDatabase(); // its own, so no earlier test has given the table statistics
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
after(async () => {
  await client?.end();
  await db?.close();
});

test("the claim checks each event's predecessors through the aggregate's index, before the table has statistics", async () => {
  const owner = newId();
  await client.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, 'burst@example.com', 'unused')`, [owner]);
  await client.query(
    `INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload)
     SELECT gen_random_uuid(), $1::uuid, 'order.placed', gen_random_uuid(), '{}'::jsonb FROM generate_series(1, 5000)`,
    [owner],
  );
  const statement = claimStatement({ claim: newId(), ownerIds: [owner], limit: 50, leaseMs: 30_000 });
  const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, statement.values)).rows.map((r) => r["QUERY PLAN"]).join("\n");
  const predecessorCheck = plan.slice(plan.indexOf("SubPlan"));
  assert.ok(plan.includes("SubPlan"), `the plan has the predecessor check as a subplan:\n${plan}`);
  assert.match(predecessorCheck, /Index (Only )?Scan using "OutboxEvent_aggregateId_status_sequence_idx"/, `predecessors found through the aggregate's index:\n${plan}`);
});
