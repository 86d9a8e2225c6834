// Measures customer matching on labelled pairs, through the real save and match query: each pair's
// record A is saved for an owner whose book holds a population of names (so that how common a name
// is counts as it does in use), B is looked up, and A is removed again, so that pairs do not see
// each other. A pair counts as predicted "same" when A comes back as a match for B.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveCustomerAnyway } from "@/lib/customers/save-customer.ts";
import { insertCustomers } from "@/lib/customers/insert-customers.ts";
import { newId } from "@/lib/ids.ts";
import { seedOwner } from "@/lib/tooling/testing/seed.ts";
import { customerSchema } from "@/lib/validations/customer.ts";
import { blockingKeys } from "../../matching/evidence/blocking-keys.ts";
import { suggestCustomerMatches } from "../../matching/find-customer-matches.ts";
import type { CustomerRecord } from "../matching/fixtures/generate-realistic-pairs.ts";

export interface LabelledPair {
  kind: string;
  same: boolean;
  a: CustomerRecord;
  b: CustomerRecord;
}

export interface Evaluation {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  byKind: Record<string, { pairs: number; correct: number }>;
}

/** Precision, recall and F1 of predictions against the labels. */
export function score(pairs: readonly { kind: string; same: boolean }[], predicted: readonly boolean[]): Evaluation {
  const e: Evaluation = {
    pairs: pairs.length,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    byKind: {},
  };
  pairs.forEach((pair, i) => {
    const p = predicted[i];
    if (p && pair.same) e.truePositives++;
    else if (p) e.falsePositives++;
    else if (pair.same) e.falseNegatives++;
    else e.trueNegatives++;
    const kind = (e.byKind[pair.kind] ??= { pairs: 0, correct: 0 });
    kind.pairs++;
    if (p === pair.same) kind.correct++;
  });
  e.precision = e.truePositives / Math.max(1, e.truePositives + e.falsePositives);
  e.recall = e.truePositives / Math.max(1, e.truePositives + e.falseNegatives);
  e.f1 = e.precision + e.recall > 0 ? (2 * e.precision * e.recall) / (e.precision + e.recall) : 0;
  return e;
}

/** Does each pair share a blocking key, so that it reaches scoring at all? */
export function sharesAKey(pairs: readonly LabelledPair[], freeMailDomains: readonly string[]): boolean[] {
  return pairs.map((p) => {
    const [a, b] = [blockingKeys(p.a, freeMailDomains), blockingKeys(p.b, freeMailDomains)];
    const meets = (probe: typeof a, stored: typeof b) => probe.probe.some((k) => stored.stored.includes(k.key));
    return meets(a, b) || meets(b, a);
  });
}

/** Name-only customers for an owner, with their keys. */
export const seedNames = (db: PrismaClient, ownerId: string, names: readonly string[]) =>
  insertCustomers(
    db,
    ownerId,
    names.map((name) => ({ name })),
  );

/** For each pair: does the real match query, asked about B, find A among the owner's records? */
export async function predictPairs(db: PrismaClient, pairs: readonly LabelledPair[], population: readonly string[]): Promise<boolean[]> {
  const owner = await seedOwner(db);
  await seedNames(db, owner, population);
  const predicted: boolean[] = [];
  for (const pair of pairs) {
    const a = customerSchema.parse({ id: newId(), name: pair.a.name, email: pair.a.email ?? "", phone: pair.a.phone ?? "", company: pair.a.company ?? "" });
    // A may look like a namesake in the population: saved anyway, as a user would.
    const saved = await saveCustomerAnyway(db, owner, a);
    if (saved.status !== "created") throw new Error(`fixture record could not be saved: ${JSON.stringify(pair.a)}`);
    const matches = await suggestCustomerMatches(db, owner, pair.b);
    predicted.push(matches.some((m) => m.id === a.id));
    await db.customer.delete({ where: { id: a.id } });
  }
  return predicted;
}
