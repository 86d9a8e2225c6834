import { matchCustomerResources } from "@/lib/api/customers.ts";
import { queryGet } from "@/lib/api/route.ts";
import { customerMatchQuery } from "@/lib/api/schemas.ts";

export const GET = queryGet(customerMatchQuery, matchCustomerResources);
