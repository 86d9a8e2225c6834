import { PROBLEMS, type ProblemType } from "@/lib/api/problems.ts";
import { problem, toResponse } from "@/lib/api/result.ts";

// A problem's `type` URI, opened: what it means and what to do.
export async function GET(_request: Request, context: { params: Promise<{ type: string }> }) {
  const { type } = await context.params;
  if (!Object.hasOwn(PROBLEMS, type)) return toResponse(problem("not-found", "No such problem type."));
  const { status, title, description } = PROBLEMS[type as ProblemType];
  return Response.json({ type: `/api/v1/problems/${type}`, status, title, description });
}
