import type { MatchView } from "@/lib/forms/form-state.ts";
import { formatMoney } from "@/lib/format.ts";
import type { CustomerMatch } from "./find-customer-matches.ts";
import type { OrderMatch } from "./find-order-matches.ts";

export const describeCustomerMatch = (m: CustomerMatch): MatchView => ({
  id: m.id,
  url: `/customers/${m.id}`,
  title: m.name,
  details: [m.email, m.phone, m.company].filter((x): x is string => !!x),
  reasons: m.reasons,
  createdAt: m.createdAt.toISOString(),
  createdBy: m.createdBy,
});

export const describeOrderMatch = (m: OrderMatch): MatchView => ({
  id: m.id,
  url: `/orders/${m.id}`,
  title: m.description,
  details: [formatMoney(m.amountMinor, m.currency)],
  reasons: m.reasons,
  createdAt: m.createdAt.toISOString(),
  createdBy: m.createdBy,
});
