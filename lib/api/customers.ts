// The API's customer resources: plain functions over the database, called by app/api/v1 routes.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { customerSaveOptions } from "@/lib/customers/save-customer.ts";
import { normaliseEmailAddress, normaliseName } from "@/lib/matching/normalise.ts";
import { saveWithin } from "@/lib/save-once/save-once.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { describeCustomerMatch } from "@/lib/matching/describe.ts";
import { suggestCustomerMatches } from "@/lib/matching/find-customer-matches.ts";
import type { z } from "zod";
import { afterCursor, page } from "./cursor.ts";
import type { KeyedResult } from "./idempotency.ts";
import { json, problem, type ApiResult } from "./result.ts";
import { apiMatch, saveAnswer } from "./save-answer.ts";
import type { ApiCustomerInput, customerListQuery, customerMatchQuery } from "./schemas.ts";

const CUSTOMER = {
  id: true,
  name: true,
  email: true,
  phone: true,
  company: true,
  street: true,
  postcode: true,
  city: true,
  country: true,
  createdAt: true,
} as const;
type CustomerRow = Prisma.CustomerGetPayload<{ select: typeof CUSTOMER }>;

export const customerUrl = (id: string) => `/api/v1/customers/${id}`;

const customerResource = (c: CustomerRow) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  company: c.company,
  street: c.street,
  postcode: c.postcode,
  city: c.city,
  country: c.country,
  createdAt: c.createdAt.toISOString(),
  url: customerUrl(c.id),
});

export async function createCustomer(tx: Prisma.TransactionClient, userId: string, body: ApiCustomerInput): Promise<KeyedResult> {
  const { confirmDuplicateOf, ...fields } = body;
  const input = { ...fields, id: body.id ?? newId(), email: body.email ?? null, phone: body.phone ?? null, company: body.company ?? null };
  const outcome = await saveWithin(tx, customerSaveOptions(userId, input, { confirmedMatchIds: confirmDuplicateOf }));
  return saveAnswer(outcome, {
    url: customerUrl,
    // A replay of a create whose record was merged since answers with the survivor it lives on as.
    read: async (id) => {
      const row = await tx.customer.findUniqueOrThrow({ where: { id }, select: { ...CUSTOMER, mergedIntoId: true } });
      return customerResource(row.mergedIntoId ? await tx.customer.findUniqueOrThrow({ where: { id: row.mergedIntoId }, select: CUSTOMER }) : row);
    },
    describe: describeCustomerMatch,
  });
}

export async function getCustomerResource(db: PrismaClient, userId: string, id: string): Promise<ApiResult> {
  const row = isUuid(id) ? await db.customer.findFirst({ where: { id, ownerId: userId }, select: { ...CUSTOMER, mergedIntoId: true, mergedAt: true } }) : null;
  if (!row) return problem("not-found", "No such customer.");
  // A merged customer's ID keeps working: it leads to the survivor, for good.
  if (row.mergedIntoId) {
    const url = customerUrl(row.mergedIntoId);
    return json(308, { mergedInto: { id: row.mergedIntoId, url, mergedAt: row.mergedAt?.toISOString() ?? null } }, { Location: url });
  }
  return json(200, customerResource(row));
}

export async function listCustomerResources(db: PrismaClient, userId: string, query: z.output<typeof customerListQuery>): Promise<ApiResult> {
  const email = query.email ? normaliseEmailAddress(query.email) : null;
  const q = query.q ? normaliseName(query.q) : "";
  const rows = await db.customer.findMany({
    where: {
      ownerId: userId,
      mergedIntoId: null,
      lab: false,
      ...(email ? { emailNormalized: email } : {}),
      ...(q ? { nameNormalized: { contains: q } } : {}),
      ...afterCursor(query.cursor),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: CUSTOMER,
  });
  return json(200, page(rows, query.limit, customerResource));
}

/** The near-match check, as the form's live suggestions use them: advice, never a decision. */
export async function matchCustomerResources(db: PrismaClient, userId: string, query: z.output<typeof customerMatchQuery>): Promise<ApiResult> {
  let matches;
  try {
    matches = await suggestCustomerMatches(db, userId, query, { excludeId: query.exclude });
  } catch (error) {
    console.error("live customer matching failed:", error);
    return problem("matching-unavailable");
  }
  return json(200, { matches: matches.map((m) => apiMatch(describeCustomerMatch(m), customerUrl(m.id))) });
}
