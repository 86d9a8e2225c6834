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

const burst = (owner: string, count: number) =>
  client.query(
    `INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload)
     SELECT gen_random_uuid(), $1::uuid, 'order.placed', gen_random_uuid(), '{}'::jsonb FROM generate_series(1, $2::int)`,
    [owner, count],
  );

async function expectPredecessorsThroughTheAggregateIndex(owner: string) {
  const statement = claimStatement({ claim: newId(), ownerIds: [owner], limit: 50, leaseMs: 30_000 });
  const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, statement.values)).rows.map((r) => r["QUERY PLAN"]).join("\n");
  const predecessorCheck = plan.slice(plan.indexOf("SubPlan"));
  assert.ok(plan.includes("SubPlan"), `the plan has the predecessor check as a subplan:\n${plan}`);
  assert.match(predecessorCheck, /Index (Only )?Scan using "OutboxEvent_aggregateId_ownerId_sequence_idx"/, `predecessors found through the aggregate's index:\n${plan}`);
  assert.match(predecessorCheck, /Index Cond: \("aggregateId" = c\."aggregateId"\)/, `looked up by the aggregate, not scanned:\n${plan}`);
}

/** An owner whose queue holds `count` new events after `before` (an earlier burst's history). */
async function ownerAfter(before: (owner: string) => Promise<void>, count: number): Promise<string> {
  const owner = newId();
  await client.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, 'unused')`, [owner, `${owner}@example.com`]);
  await before(owner);
  await burst(owner, count);
  return owner;
}
const sql = (text: string) => (owner: string) => client.query(text, [owner]).then(() => {});

test("the claim checks each event's predecessors through the aggregate's index, before the table has statistics", async () => {
  await expectPredecessorsThroughTheAggregateIndex(await ownerAfter(async () => {}, 5000));
});

// bench:outbox's second drain: the first burst was delivered and deleted, leaving dead rows that
// no vacuum has cleared, and the next burst met a planner that chose the owner's index again (a
// claim took 3-6 s; three dispatchers drained 37 events/s).
test("the same after an earlier burst was delivered and deleted, before any vacuum", async () => {
  const owner = await ownerAfter(async (owner) => {
    await burst(owner, 10_000);
    await sql(`UPDATE "OutboxEvent" SET status = 'acknowledged' WHERE "ownerId" = $1`)(owner);
    await sql(`UPDATE "OutboxEvent" SET status = 'confirmed' WHERE "ownerId" = $1`)(owner);
    await sql(`DELETE FROM "OutboxEvent" WHERE "ownerId" = $1`)(owner);
  }, 10_000);
  await expectPredecessorsThroughTheAggregateIndex(owner);
});

// Autovacuum analysed the table while nothing was pending: the statistics say a pending event is rare.
test("the same when the statistics were taken while nothing was pending", async () => {
  const owner = await ownerAfter(async (owner) => {
    await burst(owner, 10_000);
    await sql(`UPDATE "OutboxEvent" SET status = 'confirmed' WHERE "ownerId" = $1`)(owner);
    await client.query(`ANALYZE "OutboxEvent"`);
  }, 10_000);
  await expectPredecessorsThroughTheAggregateIndex(owner);
});
