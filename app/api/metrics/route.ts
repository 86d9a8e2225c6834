// Prometheus metrics for operators (lib/metrics/): bearer token METRICS_TOKEN, 404 without one.
import { getDb } from "@/lib/db/client.ts";
import { metricsResponse } from "@/lib/health/metrics-endpoint.ts";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return metricsResponse(getDb(), request);
}
