// Test helpers for the outbox: orders placed through the real save, a sandbox provider in its own
// process, and dispatchers with delivery timings in milliseconds instead of minutes.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveCustomer } from "../../customers/save-customer.ts";
import { killSwitch } from "../../outbox/kill-switch.ts";
import { fulfilmentTopics } from "../../fulfilment/delivery-topics.ts";
import { ORDER_PLACED } from "../../fulfilment/order-placed.ts";
import type { HttpSend } from "../../fulfilment/provider-http.ts";
import { newId } from "../../ids.ts";
import { deliveryConfig, type DeliveryConfig } from "../../settings/delivery.ts";
import { createDispatcher, type Dispatcher } from "../../outbox/dispatcher.ts";
import type { WakeUps } from "../../outbox/wake-on-notify.ts";
import { seededRandom } from "../../random/seeded-random.ts";
import { startSandbox, type Sandbox } from "../../startup/spawn-sandbox.ts";
import { saveOrder } from "../../orders/save-order.ts";
import { customerSchema } from "../../validations/customer.ts";
import { orderSchema } from "../../validations/order.ts";
import { distinctCustomer } from "./seed.ts";

export const FAST_DELIVERY: Partial<DeliveryConfig> = {
  leaseMs: 3_000,
  pollIntervalMs: 10,
  requestTimeoutMs: 400,
  backoffBaseMs: 10,
  backoffCapMs: 200,
  breakerCooldownMs: 200,
  reconcileAfterMs: 100,
};

export function startTestSandbox(env: Record<string, string> = {}, callbacks: { callbackUrl?: string; webhookSecret?: string } = {}): Promise<Sandbox> {
  return startSandbox({
    clientId: "test-client",
    clientSecret: randomBytes(16).toString("hex"),
    ...callbacks,
    env: { PROVIDER_WORK_DELAY_MS: "20", PROVIDER_CALLBACK_RETRY_MS: "50", ...env },
  });
}

/** Every fault of a shipment request off, for tests that switch some on and must put them back. */
export const NO_FAULTS = { failureRate: 0, timeoutRate: 0, lostAckRate: 0, operationFailureRate: 0, latencyMs: 0, down: false, incompatible: false };

export function testDispatcher(
  db: PrismaClient,
  sandbox: Sandbox,
  config: Partial<DeliveryConfig> = {},
  options: { send?: HttpSend; seed?: number; wakeUps?: WakeUps } = {},
): Dispatcher {
  const settings = deliveryConfig({}, { ...FAST_DELIVERY, ...config });
  return createDispatcher({
    db,
    handlers: fulfilmentTopics(db, {
      provider: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
      requestTimeoutMs: settings.requestTimeoutMs,
      send: options.send,
    }),
    config: settings,
    killSwitch: killSwitch(db),
    random: seededRandom(options.seed ?? 7),
    wakeUps: options.wakeUps,
  });
}

/** `count` orders of one new customer, saved the way every form and the API save them. */
export async function placeOrders(db: PrismaClient, ownerId: string, count: number): Promise<string[]> {
  const customer = customerSchema.parse(distinctCustomer());
  await saveCustomer(db, ownerId, customer);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Different amounts and descriptions: none is a near-match of another.
    const order = orderSchema.parse({
      id: newId(),
      customerId: customer.id,
      description: `Crate ${i} ${newId().slice(-8)}`,
      amount: `${100 + i}.00`,
      currency: "EUR",
    });
    const outcome = await saveOrder(db, ownerId, order);
    if (outcome.status !== "created") throw new Error(`order ${i}: ${outcome.status}`);
    ids.push(order.id);
  }
  return ids;
}

/** Runs rounds until `done` says so, or fails after `timeoutMs`. */
export async function runUntil(dispatchers: Dispatcher[], done: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms`);
    const handled = await Promise.all(dispatchers.map((d) => d.tick()));
    if (handled.every((n) => n === 0)) await new Promise((r) => setTimeout(r, 10));
  }
}

/** The owner's events of one topic (orders' by default, not the acknowledgments that follow them), by status. */
export async function statusCounts(db: PrismaClient, ownerId: string, topic = ORDER_PLACED): Promise<Record<string, number>> {
  const rows = await db.outboxEvent.groupBy({ by: ["status"], where: { ownerId, topic }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** The owner's `count` orders are confirmed, and nothing of theirs is left to send (acknowledgments included). */
export async function allConfirmed(db: PrismaClient, ownerId: string, count: number): Promise<boolean> {
  if ((await statusCounts(db, ownerId)).confirmed !== count) return false;
  return (await db.outboxEvent.count({ where: { ownerId, status: { in: ["pending", "acknowledged"] } } })) === 0;
}
