// The API's customer merges: POST /customers/merges and POST /customers/merges/{id}/undo.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { mergeWithin, type MergeView } from "@/lib/customers/merge/merge-customers.ts";
import { undoWithin } from "@/lib/customers/merge/undo-merge.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { customerUrl } from "./customers.ts";
import type { KeyedResult } from "./idempotency.ts";
import { problem } from "./result.ts";
import type { ApiMergeInput } from "./schemas.ts";

const mergeUrl = (id: string) => `/api/v1/customers/merges/${id}`;

const mergeResource = (m: MergeView) => ({
  id: m.id,
  into: m.intoId,
  from: m.fromIds,
  ordersMoved: m.movedOrderIds.length,
  decisionsMoved: m.movedDecisions,
  createdAt: m.createdAt.toISOString(),
  undoneAt: m.undoneAt?.toISOString() ?? null,
  survivorUrl: customerUrl(m.intoId),
  undoUrl: `${mergeUrl(m.id)}/undo`,
});

const answer = (status: number, m: MergeView): KeyedResult => ({
  status,
  body: mergeResource(m),
  headers: { Location: customerUrl(m.intoId) },
  resourceId: m.id,
  resourceUrl: customerUrl(m.intoId),
});

export async function createMerge(tx: Prisma.TransactionClient, userId: string, body: ApiMergeInput): Promise<KeyedResult> {
  const outcome = await mergeWithin(tx, userId, { id: body.id ?? newId(), into: body.into, from: body.from, fields: body.fields });
  switch (outcome.status) {
    case "merged":
      return answer(201, outcome.merge);
    case "replay":
      return answer(200, outcome.merge);
    case "conflict":
      return problem("id-conflict", "This merge id was used for another merge. Nothing was changed; use a new id.", { field: "id" });
    case "not-found":
      return problem("not-found", "No such customer.", { ids: outcome.ids });
    case "already-merged":
      return problem("merge-conflict", `Customer ${outcome.id} was already merged into ${outcome.survivorId}. Nothing was changed.`, {
        id: outcome.id,
        survivor: outcome.survivorId,
        survivorUrl: customerUrl(outcome.survivorId),
      });
    case "invalid":
      return problem("validation-error", outcome.detail, { errors: [{ field: "from", message: outcome.detail }] });
  }
}

export async function undoMergeResource(tx: Prisma.TransactionClient, userId: string, mergeId: string): Promise<KeyedResult> {
  if (!isUuid(mergeId)) return problem("not-found", "No such merge.");
  const outcome = await undoWithin(tx, userId, mergeId);
  switch (outcome.status) {
    case "undone":
    case "replay":
      return { status: 200, body: mergeResource(outcome.merge), headers: {}, resourceId: outcome.merge.id };
    case "not-found":
      return problem("not-found", "No such merge.");
    case "expired":
      return problem("merge-conflict", "This merge is too old to undo.", { merge: mergeResource(outcome.merge) });
    case "survivor-merged":
      return problem("merge-conflict", `The survivor has since been merged into ${outcome.survivorId}: undo that merge first.`, {
        survivor: outcome.survivorId,
        survivorUrl: customerUrl(outcome.survivorId),
      });
    case "later-merge":
      return problem("merge-conflict", `A later merge into the same customer (${outcome.later.id}) is still in place: undo that merge first.`, {
        merge: mergeResource(outcome.later),
      });
  }
}
