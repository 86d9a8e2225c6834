// The provider client's HTTP: node:http(s) on kept-alive connections. Node 20's fetch spent about a
// third of a dispatcher's CPU on web streams, AbortSignal plumbing and DOMExceptions for each call
// (CPU profile of bench:outbox's drain), which capped delivery on a two-core machine; a plain
// request on a reused socket does the same job.
import http from "node:http";
import https from "node:https";

interface HttpRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  header(name: string): string | undefined;
  body: AsyncIterable<Buffer>;
  /** Reads nothing more of the answer, so its connection can carry the next call. */
  discard(): void;
}

export type HttpSend = (url: string, request: HttpRequest) => Promise<HttpAnswer>;

/** One pool of kept-alive connections per client (Node closes an idle one before the server's keep-alive timeout). */
export function keepAliveSend(): HttpSend {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (url, r) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      const headers = r.body === undefined ? r.headers : { ...r.headers, "Content-Length": String(Buffer.byteLength(r.body)) };
      const req = (secure ? https : http).request(target, { method: r.method, headers, agent: secure ? agents.https : agents.http, signal: r.signal }, (res) =>
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value[0] : value;
          },
          body: res,
          discard: () => void res.resume(),
        }),
      );
      req.on("error", reject);
      req.end(r.body);
    });
}
