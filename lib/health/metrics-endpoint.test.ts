// GET /api/metrics: absent without METRICS_TOKEN, refused without the token, and with it the
// process's counters and the database's figures in Prometheus' text format.
import assert from "node:assert/strict";
import { test } from "node:test";
import { saveCustomer } from "../customers/save-customer.ts";
import { newId } from "../ids.ts";
import { saveOrder } from "../orders/save-order.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { metricsResponse } from "./metrics-endpoint.ts";

const testDb = openTestPrisma();
const TOKEN = "metrics-test-token-0123456789";
const scrape = (authorization?: string, token = TOKEN) =>
  metricsResponse(testDb.prisma, new Request("http://app/api/metrics", { headers: authorization ? { authorization } : {} }), token);

/** The value of one sample, e.g. `dedupe_saves_total{record="customer",outcome="new"}`; 0 when absent. */
async function sample(name: string): Promise<number> {
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

test("without METRICS_TOKEN the endpoint does not exist; without the right bearer token it is refused", async () => {
  assert.equal((await scrape(`Bearer ${TOKEN}`, "")).status, 404);
  assert.equal((await scrape()).status, 401);
  assert.equal((await scrape("Bearer wrong")).status, 401);
  assert.equal((await scrape(TOKEN)).status, 401, "the scheme is required");
  const ok = await scrape(`Bearer ${TOKEN}`);
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  assert.equal(ok.headers.get("cache-control"), "no-store");
  assert.match(await ok.text(), /# TYPE dedupe_outbox_oldest_due_seconds gauge/);
});

test("save outcomes are counted: new, replay, conflict, possible duplicate, saved anyway", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const before = async (outcome: string) => sample(`dedupe_saves_total{record="customer",outcome="${outcome}"}`);
  const start = Object.fromEntries(
    await Promise.all(["new", "replay", "conflict", "possible_duplicate", "saved_anyway"].map(async (o) => [o, await before(o)])),
  );
  const ada = customerSchema.parse({ id: newId(), name: "Ada Lovelace", email: "ada@example.com", phone: "", company: "" });
  await saveCustomer(db, owner, ada);
  await saveCustomer(db, owner, ada);
  await saveCustomer(db, owner, { ...ada, phone: "+44 20 7946 0958" });
  const twin = { ...ada, id: newId(), name: "Ada King" };
  const asked = await saveCustomer(db, owner, twin);
  assert.equal(asked.status, "possible-duplicate");
  await saveCustomer(db, owner, twin, { confirmedMatchIds: asked.status === "possible-duplicate" ? asked.matches.map((m) => m.id) : [] });
  for (const outcome of ["new", "replay", "conflict", "possible_duplicate", "saved_anyway"]) {
    assert.equal(await before(outcome), start[outcome] + 1, outcome);
  }
});

test("the outbox's queue, its lag and dead letters are read from the database at each scrape", async () => {
  const db = testDb.prisma;
  const owner = await seedOwner(db);
  const customer = customerSchema.parse({ id: newId(), name: "Grace Hopper", email: "", phone: "", company: "" });
  await saveCustomer(db, owner, customer);
  const pendingBefore = await sample(`dedupe_outbox_events{state="pending"}`);
  const deadBefore = await sample("dedupe_outbox_dead_letters");
  const order = orderSchema.parse({ id: newId(), customerId: customer.id, description: "Manuals", amount: "1.00", currency: "USD" });
  await saveOrder(db, owner, order);
  assert.equal(await sample(`dedupe_outbox_events{state="pending"}`), pendingBefore + 1);
  await db.outboxEvent.updateMany({ where: { aggregateId: order.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
  assert.ok((await sample("dedupe_outbox_oldest_due_seconds")) >= 119, "the waiting event's age");
  await db.outboxEvent.updateMany({ where: { aggregateId: order.id }, data: { status: "failed" } });
  assert.equal(await sample("dedupe_outbox_dead_letters"), deadBefore + 1);
  await db.featureFlag.create({ data: { key: "integrations.fulfilment-provider", scope: owner, enabled: false } });
  assert.ok((await sample(`dedupe_kill_switch_paused{scope="workspace"}`)) >= 1);
});
