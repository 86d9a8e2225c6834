// `npm run bench:inbox`: what the inbox costs. 20,000 signed callbacks over 2,000 operations (10
// copies of each, sent at once) reach an HTTP server in this process that hands them to the same
// function as the app's /api/webhooks/provider: signature, parse, then the inbox and the effect in
// one transaction. Beside it, in the same run, the same load with the effect alone (no inbox row).
// Against a fresh database on the server in DATABASE_URL, else the embedded one.
import http from "node:http";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { benchDatabase } from "../bench/bench-database.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";
import { latencyPercentiles, median, runPool } from "../bench/stats.ts";
import { saveCustomer } from "../../customers/save-customer.ts";
import { createPrismaClient } from "../../db/create-client.ts";
import { applyProviderResult } from "../../fulfilment/apply-result.ts";
import { handleProviderWebhook } from "../../fulfilment/provider-webhook.ts";
import type { Receipt } from "../../inbox/receive.ts";
import { newId } from "../../ids.ts";
import { distinctCustomer, seedOwner } from "../testing/seed.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { webhookRequest } from "../testing/webhook-request.ts";
import { customerSchema } from "../../validations/customer.ts";
import { newSecret, sign } from "../../webhooks/signature.ts";

const kind = benchDatabase();
const OPERATIONS = Number(process.env.BENCH_OPERATIONS || 2_000);
const COPIES = 10;
const IN_FLIGHT = kind === "server" ? 50 : 20;
const RECONCILE = 120_000;

const database = await createTestDatabase();
const db = createPrismaClient(database.url, kind === "embedded" ? 1 : 20);
const secret = newSecret();

/** The effect alone, as a handler without an inbox would apply it (statuses still only move forward). */
const withoutInbox = (d: PrismaClient, _messageId: string, callback: Parameters<typeof applyProviderResult>[1]): Promise<Receipt> =>
  d.$transaction(async (tx) => (await applyProviderResult(tx, callback, { reconcileAfterMs: RECONCILE })).outcome);

const server = http.createServer(async (req, res) => {
  const answer = await handleProviderWebhook(db, await webhookRequest(req), {
    secrets: [secret],
    reconcileAfterMs: RECONCILE,
    receive: req.url === "/without" ? withoutInbox : undefined,
  }).catch((error) => {
    console.error(error);
    return { status: 500, body: { error: "failed" } };
  });
  res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
let failed = false;

try {
  const owner = await seedOwner(db);
  const customer = customerSchema.parse(distinctCustomer());
  await saveCustomer(db, owner, customer);

  await run("/without", owner, customer.id, 200); // warm-up, both paths
  await run("/", owner, customer.id, 200);
  const rounds = { without: [] as Result[], with: [] as Result[] };
  for (let i = 0; i < 2; i++) {
    rounds.without.push(await run("/without", owner, customer.id, OPERATIONS));
    rounds.with.push(await run("/", owner, customer.id, OPERATIONS));
  }
  const rate = (rs: Result[]) => median(rs.map((r) => r.perSecond));
  const ratio = rate(rounds.with) / rate(rounds.without);
  const row = (label: string, rs: Result[]) => {
    const last = rs.at(-1)!;
    const each = (pick: (r: Result) => number) => rs.map((r) => pick(r).toLocaleString("en")).join(", ");
    return `| ${label} | ${rate(rs).toFixed(0)} | ${last.p50.toFixed(1)} | ${last.p95.toFixed(1)} | ${each((r) => r.effects)} | ${each((r) => r.reported)} | ${each((r) => r.repeats)} |`;
  };
  const lines = [
    `| ${(OPERATIONS * COPIES).toLocaleString("en")} callbacks over ${OPERATIONS.toLocaleString("en")} operations | callbacks/s (median of 2 rounds) | p50 ms | p95 ms | confirmations (each round) | provider events in timelines (each round) | repeats counted (each round) |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    row("with the inbox", rounds.with),
    row("the effect alone, no inbox row", rounds.without),
    "",
    `Ratio with / without: **${ratio.toFixed(2)}** (target ≥ 0.8).`,
  ];
  for (const r of rounds.with) if (r.effects !== OPERATIONS || r.reported !== OPERATIONS || r.repeats !== OPERATIONS * (COPIES - 1)) failed = true;
  if (ratio < 0.8) failed = true;
  console.log(lines.join("\n"));
  await writeBenchmarkSection(
    `bench:inbox (${kind} database)`,
    [
      `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:inbox\`${kind === "server" ? " with `DATABASE_URL` set (a fresh database on that server)" : " (embedded PGlite)"}. Each operation's 10 copies share one \`webhook-id\` and are sent at once, ${IN_FLIGHT} requests in flight in all, over HTTP to a server in the benchmark's process that calls the app's own handler (\`lib/fulfilment/provider-webhook.ts\`: signature check, then the inbox row and the effect in one transaction). "Confirmations" counts the orders' confirmed steps, "provider events" the steps that show what the provider reported (one per message applied); latencies are per request, from the last round. Without the inbox the confirmation still happens once, because a status only moves forward under a row lock; but every copy is taken for news, so each order's timeline shows the provider's one event ten times. The inbox is what keeps a per-message effect single and counts the repeats.`,
      "",
      ...lines,
    ].join("\n"),
  );
} finally {
  server.close();
  agent.destroy();
  await db.$disconnect();
  await database.close();
}
if (failed) process.exitCode = 1;

interface Result {
  perSecond: number;
  p50: number;
  p95: number;
  effects: number;
  reported: number;
  repeats: number;
}

/** `operations` acknowledged orders, then their "succeeded" callbacks, 10 copies each, at once. */
async function run(path: string, owner: string, customerId: string, operations: number): Promise<Result> {
  const tag = newId();
  const events = await db.$queryRaw<{ id: string; aggregateId: string; operationId: string }[]>`
    WITH o AS (
      INSERT INTO "Order" (id, "ownerId", "customerId", description, "amountMinor", currency)
      SELECT gen_random_uuid(), ${owner}::uuid, ${customerId}::uuid, ${tag} || ' ' || g, g, 'EUR' FROM generate_series(1, ${operations}) g
      RETURNING id)
    INSERT INTO "OutboxEvent" (id, "ownerId", topic, "aggregateId", payload, status, attempts, "operationId", "nextAttemptAt")
    SELECT gen_random_uuid(), ${owner}::uuid, 'order.placed', id, jsonb_build_object('orderId', id), 'acknowledged', 1, gen_random_uuid()::text, now() + interval '1 hour' FROM o
    RETURNING id, "aggregateId", "operationId"`;
  const now = Math.floor(Date.now() / 1000);
  const tasks = events.flatMap((e) => {
    const messageId = `msg_${newId().replaceAll("-", "")}`;
    const body = JSON.stringify({
      type: "operation.succeeded",
      timestamp: new Date().toISOString(),
      data: { operationId: e.operationId, idempotencyKey: e.id, orderId: e.aggregateId, shipmentId: newId(), reason: null },
    });
    const headers = { ...sign([secret], messageId, now, body), "Content-Type": "application/json" };
    return Array.from({ length: COPIES }, () => () => post(path, headers, body));
  });
  const started = performance.now();
  const latencies = await runPool(tasks, IN_FLIGHT);
  const seconds = (performance.now() - started) / 1000;
  const ids = events.map((e) => e.id);
  const effects = await db.outboxLog.count({ where: { kind: "confirmed", eventId: { in: ids } } });
  const reported = await db.outboxLog.count({ where: { kind: "provider", eventId: { in: ids } } });
  const repeats =
    (await db.inboxMessage.aggregate({ where: { aggregateId: { in: events.map((e) => e.aggregateId) } }, _sum: { repeats: true } }))._sum.repeats ?? 0;
  return { perSecond: tasks.length / seconds, ...latencyPercentiles(latencies), effects, reported, repeats };
}

function post(path: string, headers: Record<string, string>, body: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: "POST", headers, agent }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`callback answered ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}
