// The API's order resources: plain functions over the database, called by app/api/v1 routes.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { killSwitch } from "@/lib/outbox/kill-switch.ts";
import { formatAmount } from "@/lib/format.ts";
import { fulfilmentResource, orderFulfilment } from "@/lib/fulfilment/status.ts";
import { saveWithin } from "@/lib/save-once/save-once.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { describeOrderMatch } from "@/lib/matching/describe.ts";
import { liveCustomerId, orderSaveOptions } from "@/lib/orders/save-order.ts";
import type { z } from "zod";
import { afterCursor, page } from "./cursor.ts";
import type { KeyedResult } from "./idempotency.ts";
import { json, problem, type ApiResult } from "./result.ts";
import { saveAnswer } from "./save-answer.ts";
import type { ApiOrderInput, orderListQuery } from "./schemas.ts";

const ORDER = { id: true, customerId: true, description: true, amountMinor: true, currency: true, createdAt: true } as const;
type OrderRow = Prisma.OrderGetPayload<{ select: typeof ORDER }>;

const orderUrl = (id: string) => `/api/v1/orders/${id}`;

const orderResource = (o: OrderRow) => ({
  id: o.id,
  customerId: o.customerId,
  description: o.description,
  amount: formatAmount(o.amountMinor),
  amountMinor: o.amountMinor,
  currency: o.currency,
  createdAt: o.createdAt.toISOString(),
  url: orderUrl(o.id),
});

export async function createOrder(tx: Prisma.TransactionClient, userId: string, body: ApiOrderInput): Promise<KeyedResult> {
  const customerId = await liveCustomerId(tx, userId, body.customerId);
  if (!customerId) return saveAnswer({ status: "unknown-customer" }, answers(tx));
  const input = { id: body.id ?? newId(), customerId, description: body.description, amount: body.amount, currency: body.currency };
  const outcome = await saveWithin(tx, orderSaveOptions(userId, input, { confirmedMatchIds: body.confirmDuplicateOf }));
  return saveAnswer(outcome, answers(tx));
}

const answers = (tx: Prisma.TransactionClient) => ({
  url: orderUrl,
  read: async (id: string) => orderResource(await tx.order.findUniqueOrThrow({ where: { id }, select: ORDER })),
  describe: describeOrderMatch,
});

/** One order, with where its delivery to the fulfilment provider stands (null if it never had one). */
export async function getOrderResource(db: PrismaClient, userId: string, id: string): Promise<ApiResult> {
  const row = isUuid(id) ? await db.order.findFirst({ where: { id, ownerId: userId }, select: ORDER }) : null;
  if (!row) return problem("not-found", "No such order.");
  const fulfilment = await orderFulfilment(db, killSwitch(db), userId, id);
  return json(200, { ...orderResource(row), fulfilment: fulfilment && fulfilmentResource(fulfilment) });
}

/** The order's delivery with each step, for the order page's timeline. */
export async function getOrderFulfilment(db: PrismaClient, userId: string, id: string): Promise<ApiResult> {
  const fulfilment = isUuid(id) ? await orderFulfilment(db, killSwitch(db), userId, id) : null;
  if (fulfilment) return json(200, { ...fulfilmentResource(fulfilment), steps: fulfilment.steps });
  const exists = isUuid(id) && (await db.order.count({ where: { id, ownerId: userId } })) === 1;
  return exists ? json(200, null) : problem("not-found", "No such order.");
}

export type OrderResource = ReturnType<typeof orderResource>;

export async function listOrderResources(db: PrismaClient, userId: string, query: z.output<typeof orderListQuery>): Promise<ApiResult> {
  return json(200, await orderPage(db, userId, query));
}

/** A page of the user's orders, newest first: the API's list, and the customer page's first view of it. */
export async function orderPage(db: PrismaClient, userId: string, query: z.output<typeof orderListQuery>) {
  const rows = await db.order.findMany({
    // The Lab's orders are left out, unless its customer is asked for by ID (its own page).
    where: { ownerId: userId, ...(query.customerId ? { customerId: query.customerId } : { customer: { lab: false } }), ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: ORDER,
  });
  return page(rows, query.limit, orderResource);
}
