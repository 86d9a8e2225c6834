// Three app instances (the production build) on one real PostgreSQL server, behind HAProxy, with the
// sandbox provider calling back through it: what the *.cluster.test.ts files
// start, storm and break. Also the storm's client, which retries as a well-behaved API client does,
// and the exact counts every fault must leave.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createToken } from "../../api/tokens.ts";
import { startInstances, type Instance } from "../cluster/instances.ts";
import { DRAIN_MS, startHaproxy, type Haproxy } from "../cluster/haproxy.ts";
import { createPrismaClient } from "../../db/create-client.ts";
import { migrate } from "../../db/migrate.ts";
import { ORDER_PLACED } from "../../fulfilment/order-placed.ts";
import { newId } from "../../ids.ts";
import { freePort } from "../../net/free-port.ts";
import type { Sandbox } from "../../startup/spawn-sandbox.ts";
import { NO_FAULTS, startTestSandbox } from "./delivery.ts";
import { distinctCustomer, seedOwner } from "./seed.ts";

export interface TestCluster {
  url: string;
  databaseUrl: string;
  instances: Instance[];
  proxy: Haproxy;
  sandbox: Sandbox;
  /** The test's own connection (a pool of 2), for counting. */
  db: PrismaClient;
  owner: string;
  token: string;
  stop(): Promise<void>;
}

/** Delivery in fractions of a second, and a lease short enough that a killed instance's claims free up in the test. */
const FAST_ENV = {
  OUTBOX_POLL_INTERVAL_MS: "50",
  OUTBOX_REQUEST_TIMEOUT_MS: "2000",
  OUTBOX_BACKOFF_BASE_MS: "50",
  OUTBOX_BACKOFF_CAP_MS: "500",
  OUTBOX_LEASE_MS: "3000",
  OUTBOX_BREAKER_COOLDOWN_MS: "500",
  OUTBOX_RECONCILE_AFTER_MS: "1000",
};

export async function startTestCluster(o: { databaseUrl: string; instances?: number; env?: Record<string, string> }): Promise<TestCluster> {
  await migrate(o.databaseUrl);
  const proxyPort = await freePort();
  const webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;
  const sandbox = await startTestSandbox({}, { callbackUrl: `http://127.0.0.1:${proxyPort}/api/webhooks/provider`, webhookSecret });
  await sandbox.faults(NO_FAULTS);
  const env = {
    DATABASE_URL: o.databaseUrl,
    DATABASE_POOL_SIZE: "5",
    DATABASE_CONNECT_TIMEOUT_MS: "2000",
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    AUTH_TRUST_HOST: "true",
    HOST: "127.0.0.1",
    TRUSTED_PROXIES: "127.0.0.1",
    SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    PROVIDER_URL: sandbox.url,
    PROVIDER_CLIENT_ID: sandbox.clientId,
    PROVIDER_CLIENT_SECRET: sandbox.clientSecret,
    PROVIDER_WEBHOOK_SECRET: webhookSecret,
    PROVIDER_ADMIN_TOKEN: sandbox.adminToken,
    PROVIDER_SANDBOX: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...FAST_ENV,
    ...o.env,
  };
  const instances = await startInstances({ count: o.instances ?? 3, env, stdio: process.env.CLUSTER_TEST_LOGS ? "inherit" : "ignore" });
  const proxy = await startHaproxy({
    dir: await mkdtemp(path.join(tmpdir(), "dedupe-haproxy-")),
    bind: `127.0.0.1:${proxyPort}`,
    servers: instances.map((i) => `127.0.0.1:${i.port}`),
  });
  const db = createPrismaClient(o.databaseUrl, 2);
  const owner = await seedOwner(db);
  const created = await createToken(db, owner, { id: newId(), name: "storm", expiresInDays: 1 });
  if (created.status !== "created") throw new Error(`token: ${created.status}`);
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    databaseUrl: o.databaseUrl,
    instances,
    proxy,
    sandbox,
    db,
    owner,
    token: created.secret,
    async stop() {
      await Promise.all(instances.map((i) => i.stop("SIGKILL")));
      await proxy.stop();
      await sandbox.stop();
      await db.$disconnect().catch(() => {});
    },
  };
}

/** What the storm saw: every answer by status, the retryable ones, and anything a client should never get. */
export interface StormReport {
  records: { customerId: string; orderId: string }[];
  statuses: Record<string, number>;
  /** 503s that came without Retry-After. */
  unavailableWithoutRetryAfter: number;
  /** Answers that are not success and not retryable (a 500, a 4xx), with their bodies. */
  unexpected: { status: number; body: string }[];
  slowestMs: number;
}

/**
 * Creates customers and an order for each through the API until `durationMs` has passed, from
 * `concurrency` clients; each create is sent as two copies at once (a double submit), and every
 * answer that says "try again" (503, 502 or 504 from HAProxy, 409 in progress, a cut connection) is
 * retried with the same ID and Idempotency-Key until it succeeds. Records started before the
 * deadline are always finished.
 */
export async function runStorm(
  cluster: Pick<TestCluster, "url" | "token">,
  o: { durationMs: number; concurrency?: number; requestTimeoutMs?: number },
): Promise<StormReport> {
  const report: StormReport = { records: [], statuses: {}, unavailableWithoutRetryAfter: 0, unexpected: [], slowestMs: 0 };
  const deadline = Date.now() + o.durationMs;
  const timeoutMs = o.requestTimeoutMs ?? 30_000;

  async function createOnce(path: string, body: unknown, key: string): Promise<boolean> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const started = performance.now();
      let status = 0;
      let text = "";
      let retryAfter: string | null = null;
      try {
        const res = await fetch(`${cluster.url}/api/v1${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${cluster.token}`, "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        retryAfter = res.headers.get("retry-after");
        text = await res.text();
      } catch (error) {
        const name = (error as Error).name;
        if (name === "TimeoutError") {
          report.unexpected.push({ status: 0, body: `no answer within ${timeoutMs} ms` });
          return false;
        }
        status = -1; // the connection was cut: a lost response
      }
      report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (status === 200 || status === 201) return true;
      if (status === 503 && !retryAfter) report.unavailableWithoutRetryAfter++;
      const retryable = status === -1 || status === 502 || status === 503 || status === 504 || (status === 409 && text.includes("request-in-progress"));
      if (!retryable) {
        report.unexpected.push({ status, body: text.slice(0, 500) });
        return false;
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
    report.unexpected.push({ status: 0, body: `${path}: still not saved after 200 attempts` });
    return false;
  }

  const twice = async (path: string, body: unknown) => {
    const key = newId();
    const [a, b] = await Promise.all([createOnce(path, body, key), createOnce(path, body, key)]);
    return a && b;
  };

  async function worker(n: number) {
    let i = 0;
    while (Date.now() < deadline) {
      const customer = distinctCustomer();
      const order = { id: newId(), customerId: customer.id, description: `Crate ${n}-${i++} ${newId().slice(-6)}`, amount: "12.50", currency: "EUR" };
      if (!(await twice("/customers", customer))) continue;
      report.records.push({ customerId: customer.id, orderId: "" });
      const record = report.records[report.records.length - 1];
      if (await twice("/orders", order)) record.orderId = order.id;
    }
  }
  await Promise.all(Array.from({ length: o.concurrency ?? 12 }, (_, n) => worker(n)));
  return report;
}

/** No instance died of the fault: they recover on their own, as the issue asks, without a restart. */
export function assertAllAlive(instances: Instance[]) {
  for (const i of instances) assert.ok(i.child.exitCode === null && i.child.signalCode === null, `instance ${i.index} is still running`);
}

/** The storm's answers were all successes or retryable, with no stack trace anywhere. */
export function assertCleanAnswers(report: StormReport) {
  assert.deepEqual(report.unexpected, [], "every answer was a success or a retryable refusal");
  assert.equal(report.unavailableWithoutRetryAfter, 0, "every 503 said when to retry");
  assert.equal(report.statuses[500] ?? 0, 0, "no 500");
  assert.ok(report.records.length > 0 && report.records.every((r) => r.orderId), "every record and its order were saved");
}

/**
 * Every record exists once; every order's event was delivered once (one shipment at the provider),
 * confirmed once, and the order holds that shipment; every callback that arrived was applied once
 * (a result can also arrive by the dispatcher asking for it, after which the provider stops
 * re-sending it). Waits up to `timeoutMs` for delivery, acknowledgments included, to finish.
 */
export async function assertExactlyOnce(cluster: TestCluster, records: StormReport["records"], o: { alsoCustomers?: string[]; timeoutMs?: number } = {}) {
  const { db, owner } = cluster;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const customerIds = [...records.map((r) => r.customerId), ...(o.alsoCustomers ?? [])];
  const orderIds = records.map((r) => r.orderId);
  assert.equal(await db.customer.count({ where: { ownerId: owner } }), customerIds.length, "customers: one row per record");
  assert.equal(await db.customer.count({ where: { ownerId: owner, id: { in: customerIds } } }), customerIds.length);
  assert.equal(await db.order.count({ where: { ownerId: owner } }), records.length, "orders: one row per record");
  assert.equal(await db.order.count({ where: { ownerId: owner, id: { in: orderIds } } }), records.length);
  assert.equal(await db.outboxEvent.count({ where: { ownerId: owner, topic: ORDER_PLACED } }), records.length, "one order.placed event per order");

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [confirmed, open] = await Promise.all([
      db.outboxEvent.count({ where: { ownerId: owner, topic: ORDER_PLACED, status: "confirmed" } }),
      db.outboxEvent.count({ where: { ownerId: owner, status: { in: ["pending", "acknowledged", "failed"] } } }),
    ]);
    if (confirmed === records.length && open === 0) break;
    if (Date.now() > deadline)
      assert.fail(`delivery did not finish within ${timeoutMs} ms: ${confirmed} of ${records.length} confirmed, ${open} events open or failed`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const shipments = (await cluster.sandbox.shipments()).shipments.filter((s) => orderIds.includes(s.orderId));
  assert.equal(shipments.length, records.length, "the provider made one shipment per order, none twice");
  assert.equal(new Set(shipments.map((s) => s.orderId)).size, records.length);
  const orders = await db.order.findMany({ where: { ownerId: owner }, select: { id: true, shipmentId: true } });
  const shipmentOf = new Map(shipments.map((s) => [s.orderId, s.id]));
  assert.ok(
    orders.every((o) => o.shipmentId && o.shipmentId === shipmentOf.get(o.id)),
    "every order holds the provider's one shipment",
  );
  const confirmations = await db.outboxLog.groupBy({
    by: ["eventId"],
    where: { kind: "confirmed", event: { ownerId: owner, topic: ORDER_PLACED } },
    _count: { _all: true },
  });
  assert.equal(confirmations.length, records.length);
  assert.ok(
    confirmations.every((c) => c._count._all === 1),
    "each event was confirmed once",
  );
  const applied = await db.inboxMessage.groupBy({ by: ["aggregateId", "type"], where: { ownerId: owner }, _count: { _all: true } });
  assert.ok(
    applied.every((g) => g._count._all === 1),
    "each callback was applied once",
  );
}
