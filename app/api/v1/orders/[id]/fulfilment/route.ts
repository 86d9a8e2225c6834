import { getOrderFulfilment } from "@/lib/api/orders.ts";
import { apiRoute } from "@/lib/api/route.ts";

export const GET = apiRoute(({ db, userId, params }) => getOrderFulfilment(db, userId, params.id));
