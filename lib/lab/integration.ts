// The Integration Lab: orders placed from /lab under the user's integration switches, each switch
// taking one protection off the real path (lib/lab/lab-topic.ts says how), and a forged
// callback sent to the real handler. Lab orders are real orders of a customer the Lab keeps for
// each user, so they show on the order page with their delivery timeline.
import { v5 as uuidv5 } from "uuid";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { normalisedColumns } from "@/lib/matching/normalise.ts";
import { orderPlacedEvent } from "@/lib/fulfilment/order-placed.ts";
import { LAB_ORDER_PLACED, labPayload, labSkipsInbox, type LabOptions } from "./lab-topic.ts";
import { providerClient } from "@/lib/fulfilment/delivery-topics.ts";
import type { ProviderClient } from "@/lib/fulfilment/provider-client.ts";
import { providerSettings } from "@/lib/fulfilment/provider-settings.ts";
import { newId } from "@/lib/ids.ts";
import { handleProviderWebhook, receiveAfterVerification } from "@/lib/fulfilment/provider-webhook.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";
import { enqueue } from "@/lib/outbox/store.ts";
import { insertOrderSql } from "@/lib/orders/save-order.ts";
import { newSecret, secretsFrom, sign } from "@/lib/webhooks/signature.ts";
import type { LabSettings } from "./settings.ts";

const NAMESPACE = "6f1c2a57-3a0e-4f7e-9a43-2b8f0d7c5e19";
const LAB_AMOUNT_MINOR = 4200;

/**
 * The customer every Lab order is for: one per user, made on first use, marked as Lab data. It has
 * no blocking keys, so no real customer is ever matched with it, and no real list shows it.
 */
export async function labCustomerId(db: PrismaClient, ownerId: string): Promise<string> {
  const id = uuidv5(`lab-customer:${ownerId}`, NAMESPACE);
  const values = { name: "Duplicate Lab customer", email: null, phone: null, company: "Integration Lab" };
  await db.customer.createMany({ data: [{ id, ownerId, ...values, ...normalisedColumns(values), lab: true }], skipDuplicates: true });
  return id;
}

export type LabOrderOutcome =
  | { status: "placed" | "already-placed"; orderId: string }
  /** "Fail the save after sending": nothing saved; `sentFirst` when it had reached the provider. */
  | { status: "save-failed"; orderId: string; sentFirst: boolean }
  /** Sent inside the request and the provider's answer was lost: nothing saved. */
  | { status: "send-failed"; orderId: string; error: string }
  /** Too many of this user's direct sends are waiting on the provider already. */
  | { status: "busy"; orderId: string };

class SaveFailedOnPurpose extends Error {}
type OrderRow = Parameters<typeof insertOrderSql>[0];

/** How the Lab reaches the provider with the outbox off; tests pass a slow or failing one. */
export type DirectSend = (idempotencyKey: string, body: Record<string, unknown>) => Promise<unknown>;

/** Direct sends one user may have waiting on the provider at once (in this instance). */
export const LAB_DIRECT_SENDS_PER_USER = 2;
const directSendsInFlight = new Map<string, number>();

export async function placeLabOrder(
  db: PrismaClient,
  ownerId: string,
  input: { id: string; description: string },
  settings: LabSettings,
  send: DirectSend = (key, body) => directClient().createShipment(key, body),
): Promise<LabOrderOutcome> {
  const customerId = await labCustomerId(db, ownerId);
  const order = { id: input.id, ownerId, customerId, description: input.description, amountMinor: LAB_AMOUNT_MINOR, currency: "EUR" };
  const { payload } = orderPlacedEvent(ownerId, order);
  const sandbox = { ...(settings.loseProviderAnswer && { loseFirstAnswer: true }), ...(settings.duplicateCallbacks && { duplicateCallbacks: true }) };
  const body = { ...payload, ...(Object.keys(sandbox).length > 0 && { sandbox }) };
  if (!settings.transactionalOutbox) return placeWithoutOutbox(db, order, body, settings, send);

  const lab = { ...(!settings.providerIdempotencyKey && { keyPerAttempt: true }), ...(!settings.inboxDedupe && { inboxOff: true }) } satisfies LabOptions;
  try {
    const placed = await db.$transaction(async (tx) => {
      const inserted = await enqueue(tx, {
        ownerId,
        topic: LAB_ORDER_PLACED,
        payload: labPayload(body, lab),
        insertedBy: insertOrderSql(order),
      });
      if (inserted && settings.failSaveAfterSending) throw new SaveFailedOnPurpose();
      return inserted;
    });
    return { status: placed ? "placed" : "already-placed", orderId: order.id };
  } catch (error) {
    if (error instanceof SaveFailedOnPurpose) return { status: "save-failed", orderId: order.id, sentFirst: false };
    throw error;
  }
}

/**
 * What the outbox exists to prevent: the provider is called from the request, and the save is a
 * separate step that can fail after it. The call holds no database connection (a slow provider
 * must not starve everyone else's requests of the pool), and each user has at most
 * LAB_DIRECT_SENDS_PER_USER of them waiting at once.
 */
async function placeWithoutOutbox(
  db: PrismaClient,
  order: OrderRow,
  body: Record<string, unknown>,
  settings: LabSettings,
  send: DirectSend,
): Promise<LabOrderOutcome> {
  if ((await db.order.count({ where: { id: order.id, ownerId: order.ownerId } })) > 0) return { status: "already-placed", orderId: order.id };
  const waiting = directSendsInFlight.get(order.ownerId) ?? 0;
  if (waiting >= LAB_DIRECT_SENDS_PER_USER) return { status: "busy", orderId: order.id };
  directSendsInFlight.set(order.ownerId, waiting + 1);
  try {
    await send(settings.providerIdempotencyKey ? order.id : newId(), body);
  } catch (error) {
    return { status: "send-failed", orderId: order.id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    const left = (directSendsInFlight.get(order.ownerId) ?? 1) - 1;
    if (left > 0) directSendsInFlight.set(order.ownerId, left);
    else directSendsInFlight.delete(order.ownerId);
  }
  if (settings.failSaveAfterSending) return { status: "save-failed", orderId: order.id, sentFirst: true };
  const inserted = (await db.$executeRaw(insertOrderSql(order))) === 1;
  return { status: inserted ? "placed" : "already-placed", orderId: order.id };
}

function directClient(): ProviderClient {
  const provider = providerSettings();
  if (!provider) throw new Error("no fulfilment provider is configured (PROVIDER_URL)");
  return providerClient({ provider, requestTimeoutMs: 5_000 });
}

/**
 * A callback claiming the user's latest Lab order shipped, signed with a secret that is not the
 * provider's, handed to the same handler as /api/webhooks/provider. With "Signature check" off it
 * skips the handler's check and goes straight to what the handler does after it, which is what a
 * forgery would do if nothing checked it. The public handler has no way to skip its check.
 */
export async function sendForgedCallback(db: PrismaClient, ownerId: string, settings: LabSettings): Promise<{ status: number; orderId: string | null }> {
  const customerId = await labCustomerId(db, ownerId);
  const latest = await db.order.findMany({ where: { ownerId, customerId }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true } });
  const event = await db.outboxEvent.findFirst({
    where: { ownerId, topic: LAB_ORDER_PLACED, aggregateId: { in: latest.map((o) => o.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, aggregateId: true },
  });
  if (!event) return { status: 0, orderId: null };
  const body = JSON.stringify({
    type: "operation.succeeded",
    timestamp: new Date().toISOString(),
    data: { operationId: newId(), idempotencyKey: event.id, orderId: event.aggregateId, shipmentId: `forged-${newId().slice(-8)}`, reason: null },
  });
  const headers = new Headers({ ...sign([newSecret()], `msg_forged_${newId().replaceAll("-", "")}`, Math.floor(Date.now() / 1000), body) });
  const request = { headers, body: Buffer.from(body) };
  const reconcileAfterMs = deliveryConfig().reconcileAfterMs;
  const answer = settings.signatureCheck
    ? await handleProviderWebhook(db, request, { secrets: secretsFrom(process.env.PROVIDER_WEBHOOK_SECRET), reconcileAfterMs, skipInbox: labSkipsInbox })
    : await receiveAfterVerification(db, request, { reconcileAfterMs, skipInbox: labSkipsInbox });
  return { status: answer.status, orderId: event.aggregateId };
}
