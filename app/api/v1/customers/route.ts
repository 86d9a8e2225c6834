import { createCustomer, listCustomerResources } from "@/lib/api/customers.ts";
import { keyedPost, queryGet } from "@/lib/api/route.ts";
import { apiCustomerSchema, customerListQuery } from "@/lib/api/schemas.ts";

export const GET = queryGet(customerListQuery, listCustomerResources);
export const POST = keyedPost(apiCustomerSchema, createCustomer);
