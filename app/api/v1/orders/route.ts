import { createOrder, listOrderResources } from "@/lib/api/orders.ts";
import { keyedPost, queryGet } from "@/lib/api/route.ts";
import { apiOrderSchema, orderListQuery } from "@/lib/api/schemas.ts";

export const GET = queryGet(orderListQuery, listOrderResources);
export const POST = keyedPost(apiOrderSchema, createOrder);
