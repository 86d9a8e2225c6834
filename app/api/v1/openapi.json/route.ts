import { openApiDocument } from "@/lib/api/openapi.ts";

// Public, like any API's documentation; it describes shapes, never data.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
