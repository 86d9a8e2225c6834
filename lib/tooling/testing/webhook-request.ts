// A callback as node:http received it, in the shape the app's handler takes (the route reads the
// same from a Fetch Request): for tests and benchmarks that put that handler behind their own server.
import type http from "node:http";

export async function webhookRequest(req: http.IncomingMessage): Promise<{ headers: Headers; body: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { headers: new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)])), body: Buffer.concat(chunks) };
}
