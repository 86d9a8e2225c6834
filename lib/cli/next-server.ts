// The HTTP server `npm run dev` and `npm start` run Next.js in (lib/cli/serve.ts starts it). It does
// one thing `next start` cannot: it appends the socket's address to X-Forwarded-For, as a proxy
// does, before Next sees the request. Next itself only sets that header when it is missing, so a
// client could otherwise choose the address the sign-in throttles count it under.
import { createServer } from "node:http";
import next from "next";
import { appendForwardedFor, FORWARDED_FOR } from "../net/client-address.ts";

const [mode, portArg] = process.argv.slice(2);
if ((mode !== "dev" && mode !== "start") || !portArg) {
  console.error("usage: next-server.ts dev|start PORT");
  process.exit(2);
}
const port = Number(portArg);

const server = createServer();
const app = next({ dev: mode === "dev", port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  req.headers[FORWARDED_FOR] = appendForwardedFor(req.headers[FORWARDED_FOR], req.socket.remoteAddress);
  // As `next start` does: a request that fails outside Next's own handling gets a bare 500 and a
  // log line, never an unhandled rejection that would end the process.
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle request for ${req.url}:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});
server.listen(port, () => console.log(`Next.js ${mode === "dev" ? "development" : "production"} server listening on port ${port}`));

// Finish what is in flight, give back the outbox claims, then stop; a request that hangs does not
// keep the process alive.
const stop = () => {
  const dispatcher = (globalThis as { outboxDispatcher?: { stop(): Promise<void> } }).outboxDispatcher;
  server.close(() => void (dispatcher?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
