import { createMerge } from "@/lib/api/merges.ts";
import { keyedPost } from "@/lib/api/route.ts";
import { apiMergeSchema } from "@/lib/api/schemas.ts";

export const POST = keyedPost(apiMergeSchema, createMerge);
