// The small load balancer `npm run start:cluster` puts in front of its instances, for trying the
// several-instance shape on one machine (in production, any load balancer does this job). Requests
// go to each instance in turn. An instance that refuses the connection received nothing, so the
// request goes to the next one and the refusing instance is left out for a moment; one that drops a
// request it was already given may have acted on it, so the client gets 502 with Retry-After and
// retries as after any lost response (every create is idempotent by its ID or Idempotency-Key).
import http from "node:http";
import { appendForwardedFor, FORWARDED_FOR } from "../net/client-address.ts";

export interface RoundRobinProxy {
  port: number;
  /** Requests each instance answered, by its port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/** Bodies are held whole so that a refused request can go to the next instance (forms are ≤ 64 KB). */
const MAX_BODY_BYTES = 1024 * 1024;
const LEFT_OUT_MS = 1_000;
/** Headers about one connection, not the request (RFC 9110 §7.6.1): each hop sets its own. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

export function startRoundRobinProxy(o: { port: number; targets: number[]; host?: string }): Promise<RoundRobinProxy> {
  const served = new Map(o.targets.map((t) => [t, 0]));
  const downUntil = new Map<number, number>();
  let next = 0;

  const order = () => {
    const start = next++ % o.targets.length;
    const turn = [...o.targets.slice(start), ...o.targets.slice(0, start)];
    const now = Date.now();
    const up = turn.filter((t) => (downUntil.get(t) ?? 0) <= now);
    return up.length > 0 ? [...up, ...turn.filter((t) => !up.includes(t))] : turn;
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return answer(res, 413, "Request body too large.");
        chunks.push(chunk);
      }
    } catch {
      return; // the client went away
    }
    const body = Buffer.concat(chunks);
    const headers: http.OutgoingHttpHeaders = { ...req.headers, [FORWARDED_FOR]: appendForwardedFor(req.headers[FORWARDED_FOR], req.socket.remoteAddress) };
    for (const name of HOP_BY_HOP) delete headers[name];
    for (const target of order()) {
      const outcome = await forward(target, req, headers, body, res);
      if (outcome === "refused") {
        downUntil.set(target, Date.now() + LEFT_OUT_MS);
        continue;
      }
      if (outcome === "answered") served.set(target, (served.get(target) ?? 0) + 1);
      return;
    }
    answer(res, 503, "No instance is answering.");
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "0.0.0.0", () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        served,
        close: () => new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
      });
    });
  });
}

function forward(target: number, req: http.IncomingMessage, headers: http.OutgoingHttpHeaders, body: Buffer, res: http.ServerResponse): Promise<"answered" | "refused" | "dropped"> {
  return new Promise((resolve) => {
    const upstream = http.request(
      { host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.length) }, agent: false },
      (answerFromInstance) => {
        const answerHeaders = { ...answerFromInstance.headers };
        for (const name of HOP_BY_HOP) delete answerHeaders[name];
        res.writeHead(answerFromInstance.statusCode ?? 502, answerHeaders);
        answerFromInstance.pipe(res);
        answerFromInstance.on("end", () => resolve("answered"));
        answerFromInstance.on("error", () => {
          res.destroy(); // cut mid-answer: the client sees a lost response, as it would from the instance
          resolve("dropped");
        });
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (res.headersSent) return;
      if (error.code === "ECONNREFUSED") return resolve("refused");
      answer(res, 502, "The instance dropped the request; it may or may not have been applied. Retry it.");
      resolve("dropped");
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy(); // the client went away: so does its request
    });
    upstream.end(body);
  });
}

function answer(res: http.ServerResponse, status: number, text: string) {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "retry-after": "1", "cache-control": "no-store" });
  res.end(text);
}
