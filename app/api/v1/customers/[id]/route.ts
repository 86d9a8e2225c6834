import { getCustomerResource } from "@/lib/api/customers.ts";
import { apiRoute } from "@/lib/api/route.ts";

export const GET = apiRoute(({ db, userId, params }) => getCustomerResource(db, userId, params.id));
