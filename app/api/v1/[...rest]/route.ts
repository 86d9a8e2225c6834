import { problem, toResponse } from "@/lib/api/result.ts";

// Anything under /api/v1 that is not a resource: a problem+json 404, not the app's HTML page.
const notFound = () => toResponse(problem("not-found", "There is no such API resource. The OpenAPI document is at /api/v1/openapi.json."));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
