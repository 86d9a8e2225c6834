// GET /api/metrics: Prometheus' text format behind a bearer token. With no METRICS_TOKEN set the
// endpoint does not exist (404), so a deployment that never configured it exposes nothing.
import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { readDatabaseGauges } from "./database-gauges.ts";
import { metrics } from "@/lib/metrics/registry.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares digests, so neither the token's length nor its characters leak through timing. */
function bearerMatches(header: string | null, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

export async function metricsResponse(db: PrismaClient, request: Request, token = process.env.METRICS_TOKEN): Promise<Response> {
  const noStore = { "Cache-Control": "no-store" };
  if (!token) return new Response("Not found\n", { status: 404, headers: noStore });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("A bearer token is required (METRICS_TOKEN).\n", {
      status: 401,
      headers: { ...noStore, "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const m = metrics();
  try {
    await readDatabaseGauges(db, m);
  } catch (error) {
    // The process's own counters are still worth a scrape; the database's figures keep their last values.
    console.error("metrics: reading the database failed:", error);
  }
  return new Response(await m.registry.metrics(), { headers: { ...noStore, "Content-Type": m.registry.contentType } });
}
