// Test helpers for the API's keyed creates: the same lib call a route makes, minus HTTP.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createCustomer } from "../../api/customers.ts";
import type { IdempotencyOptions } from "../../api/idempotency.ts";
import { keyedCreate } from "../../api/keyed-create.ts";
import { createOrder } from "../../api/orders.ts";
import { apiCustomerSchema, apiOrderSchema } from "../../api/schemas.ts";

export const postCustomer = (db: PrismaClient, userId: string, key: string | null, body: unknown, options?: IdempotencyOptions) =>
  keyedCreate(db, { userId, path: "/api/v1/customers", idempotencyKey: key, body }, apiCustomerSchema, createCustomer, options);

export const postOrder = (db: PrismaClient, userId: string, key: string | null, body: unknown, options?: IdempotencyOptions) =>
  keyedCreate(db, { userId, path: "/api/v1/orders", idempotencyKey: key, body }, apiOrderSchema, createOrder, options);
