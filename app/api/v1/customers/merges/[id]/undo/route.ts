import { undoMergeResource } from "@/lib/api/merges.ts";
import { keyedAction } from "@/lib/api/route.ts";

export const POST = keyedAction((tx, userId, params) => undoMergeResource(tx, userId, params.id));
