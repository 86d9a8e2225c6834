import type { MatchView } from "@/lib/forms/form-state.ts";
import { formatMoney } from "@/lib/format.ts";
import { formatAddress } from "@/lib/customers/format-address.ts";
import type { CustomerMatch } from "./find-customer-matches.ts";
import type { OrderMatch } from "./find-order-matches.ts";
import type { TicketMatch } from "./find-ticket-matches.ts";

export const describeCustomerMatch = (m: CustomerMatch): MatchView => ({
  id: m.id,
  url: `/customers/${m.id}`,
  title: m.name,
  details: [m.email, m.phone, m.company, formatAddress(m)].filter((x): x is string => !!x),
  reasons: m.reasons,
  probability: m.probability,
  evidence: m.evidence.map(({ text, sign }) => ({ text, sign })),
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

export const describeTicketMatch = (m: TicketMatch): MatchView => ({
  id: m.id,
  url: `/lab/tickets/${m.id}`,
  title: m.title,
  details: m.details ? [m.details.length > 80 ? `${m.details.slice(0, 80)}…` : m.details] : [],
  reasons: m.reasons,
  createdAt: m.createdAt.toISOString(),
  createdBy: m.createdBy,
});
