// The HTTP server `npm run dev` and `npm start` run Next.js in (lib/startup/serve.ts starts it). It
// counts every request with the status it got (/api/metrics), and does one thing `next start`
// cannot: it appends the socket's address to X-Forwarded-For, as a proxy
// does, before Next sees the request. Next itself only sets that header when it is missing, so a
// client could otherwise choose the address the sign-in throttles count it under.
import { createServer } from "node:http";
import next from "next";
import { startDraining } from "../health/draining.ts";
import { countRequest } from "../metrics/registry.ts";
import { appendForwardedFor, FORWARDED_FOR } from "../net/client-address.ts";
import { earlyAnswer } from "../api/early-answer.ts";
import { readSettings } from "../settings/settings.ts";

const [mode, portArg] = process.argv.slice(2);
if ((mode !== "dev" && mode !== "start") || !portArg) {
  console.error("usage: next-server.ts dev|start PORT");
  process.exit(2);
}
const port = Number(portArg);
// HOST=127.0.0.1 behind a proxy on the same machine (start:cluster): nobody else reaches the port.
const host = process.env.HOST || undefined;
// Settings that are wrong (a typo, a weak secret, a proxy list it cannot read) stop the start, named.
let settings: ReturnType<typeof readSettings>;
try {
  settings = readSettings();
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  process.exit(2);
}

// Node closes an idle keep-alive connection after 5 s by default. A client that reuses it at that
// moment (a browser, Playwright's request context, a load balancer's pooled connection) sends into a
// closing socket and gets ECONNRESET for a request the server never saw. Keep idle connections
// longer than the clients in front keep theirs (HAProxy: 5 s here; cloud balancers: 60 s), so the
// client is the side that closes; the headers timeout must stay above it.
const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
const app = next({ dev: mode === "dev", port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  res.once("finish", () => countRequest(req.method, req.url, res.statusCode));
  const early = earlyAnswer(req);
  if (early) {
    req.resume();
    res.writeHead(early.status, early.headers).end(early.body);
    return;
  }
  req.headers[FORWARDED_FOR] = appendForwardedFor(req.headers[FORWARDED_FOR], req.socket.remoteAddress);
  // As `next start` does: a request that fails outside Next's own handling gets a bare 500 and a
  // log line, never an unhandled rejection that would end the process.
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle request for ${req.url}:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});
// CONNECT (a proxy's tunnel) is not for this server: refuse it plainly instead of dropping the socket.
server.on("connect", (_req, socket) => {
  socket.end("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, OPTIONS\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
});
server.listen(port, host, () =>
  console.log(`Next.js ${mode === "dev" ? "development" : "production"} server listening on ${host ?? "every interface"}, port ${port}`),
);

// SIGTERM (an orchestrator scaling in, a deploy, `start:cluster` stopping): /api/ready answers 503 at
// once, and for SHUTDOWN_DRAIN_MS the server keeps taking requests, so the load balancer's health
// checks see the 503 and stop sending here before the port closes. Then stop taking requests,
// finish the ones in flight while the outbox dispatcher finishes its round (or gives its claims
// back), and exit; within SHUTDOWN_MS whatever hangs, so the orchestrator's 10 s are kept.
const SHUTDOWN_MS = 8_000;
const DRAIN_MS = settings.SHUTDOWN_DRAIN_MS;
const stop = async () => {
  setTimeout(() => {
    console.error(`Shutdown: still busy after ${SHUTDOWN_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_MS).unref();
  startDraining();
  if (DRAIN_MS > 0) await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  const dispatcher = (globalThis as { outboxDispatcher?: { stop(graceMs?: number): Promise<void> } }).outboxDispatcher;
  const drained = new Promise<void>((r) => server.close(() => r()));
  // A keep-alive connection goes idle once its request is answered: close it then, not after
  // the keep-alive timeout.
  setInterval(() => server.closeIdleConnections(), 100).unref();
  await Promise.all([drained, dispatcher?.stop(SHUTDOWN_MS - 2_000)]);
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
