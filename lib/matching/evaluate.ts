// Measures the customer rules on the labelled pairs: for each pair, record A is saved for a fresh
// owner through the real save, and B is looked up through the real match query. A pair counts as
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
  byKind: Record<string, { pairs: number; correct: number }>;
}

export async function evaluatePairs(db: PrismaClient, pairs: LabelledPair[]): Promise<Evaluation> {
  const e: Evaluation = { pairs: pairs.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, precision: 0, recall: 0, byKind: {} };
  for (const pair of pairs) {
    const owner = await seedOwner(db);
    const a = customerSchema.parse({ id: newId(), name: pair.a.name, email: pair.a.email ?? "", phone: pair.a.phone ?? "", company: pair.a.company ?? "" });
    const saved = await saveCustomer(db, owner, a);
    if (saved.status !== "created") throw new Error(`fixture record could not be saved: ${JSON.stringify(pair.a)}`);
    const matches = await suggestCustomerMatches(db, owner, pair.b);
    const predicted = matches.some((m) => m.id === a.id);
    if (predicted && pair.same) e.truePositives++;
    else if (predicted) e.falsePositives++;
    else if (pair.same) e.falseNegatives++;
    else e.trueNegatives++;
    const kind = (e.byKind[pair.kind] ??= { pairs: 0, correct: 0 });
    kind.pairs++;
    if (predicted === pair.same) kind.correct++;
  }
  e.precision = e.truePositives / Math.max(1, e.truePositives + e.falsePositives);
  e.recall = e.truePositives / Math.max(1, e.truePositives + e.falseNegatives);
  return e;
}
