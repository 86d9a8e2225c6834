// Measures the customer rules on labelled pairs: for each pair, record A is saved for a fresh owner
// through the real save, and B is looked up through the real match query. A pair counts as
// predicted "same" when A comes back as a match for B.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { saveCustomer } from "@/lib/customers/save-customer.ts";
import { newId } from "@/lib/ids.ts";
import { seedOwner } from "@/lib/testing/seed.ts";
import { customerSchema } from "@/lib/validations/customer.ts";
import { suggestCustomerMatches } from "./find-customer-matches.ts";
import type { LabelledPair } from "./fixtures/generate-pairs.ts";

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
  const e: Evaluation = { pairs: pairs.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, precision: 0, recall: 0, f1: 0, byKind: {} };
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

/** For each pair: does the real match query, asked about B, find A? */
export async function predictPairs(db: PrismaClient, pairs: readonly LabelledPair[]): Promise<boolean[]> {
  const predicted: boolean[] = [];
  for (const pair of pairs) {
    const owner = await seedOwner(db);
    const a = customerSchema.parse({ id: newId(), name: pair.a.name, email: pair.a.email ?? "", phone: pair.a.phone ?? "", company: pair.a.company ?? "" });
    const saved = await saveCustomer(db, owner, a);
    if (saved.status !== "created") throw new Error(`fixture record could not be saved: ${JSON.stringify(pair.a)}`);
    const matches = await suggestCustomerMatches(db, owner, pair.b);
    predicted.push(matches.some((m) => m.id === a.id));
  }
  return predicted;
}

export async function evaluatePairs(db: PrismaClient, pairs: LabelledPair[]): Promise<Evaluation> {
  return score(pairs, await predictPairs(db, pairs));
}
