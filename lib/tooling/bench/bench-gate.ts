// The benchmark-only routes (/api/bench/*) write as any user the benchmark names, so they answer
// only the benchmark that started this server: it passes a random BENCH_TOKEN in the server's
// environment and sends it back with every request. Without that variable they do not exist (404).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const BENCH_TOKEN_HEADER = "x-bench-token";

export const newBenchToken = () => randomBytes(32).toString("base64url");

const digest = (value: string) => createHash("sha256").update(value).digest();

export function isBenchRequest(request: Request, expected = process.env.BENCH_TOKEN): boolean {
  if (!expected || expected.length < 32) return false;
  const given = request.headers.get(BENCH_TOKEN_HEADER) ?? "";
  return timingSafeEqual(digest(given), digest(expected)); // equal-length digests: constant time
}
