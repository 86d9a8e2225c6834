import { formatMoney } from "@/lib/format.ts";
import { formatAddress } from "@/lib/matching/format-address.ts";
import type { CustomerMatch } from "./find-customer-matches.ts";
import type { OrderMatch } from "./find-order-matches.ts";
import type { TicketMatch } from "./find-ticket-matches.ts";

/** A near-match as the form's dialog shows it. */
export interface MatchView {
  id: string;
  url: string;
  title: string;
  details: string[];
  reasons: string[];
  /** Customers: how likely the two are one customer (0..1), and the evidence weighed, each with its sign. */
  probability?: number;
  evidence?: Array<{ text: string; sign: "+" | "-" | "0" }>;
  createdAt: string;
  createdBy: string;
}

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
