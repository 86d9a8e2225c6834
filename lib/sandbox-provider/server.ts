// The sandbox fulfilment provider's HTTP API (documented in the README, "The fulfilment provider
// sandbox"). Plain node:http: a handful of routes, each a few lines.
import http from "node:http";
import * as z from "zod";
import type { CallbackStats } from "./callbacks.ts";
import { FaultState, faultsUpdateSchema } from "./faults.ts";
import { startLoop } from "./loop.ts";
import { scenarioSchema, type Scenarios } from "./scenarios.ts";
import type { ProviderStore } from "./store.ts";
import { basicAuthMatches, issueToken, tokenIsValid, type Credentials } from "./token.ts";
import { adminRequestAllowed, clientProof } from "./admin-access.ts";

export interface ProviderOptions {
  store: ProviderStore;
  credentials: Credentials;
  /** Required as a Bearer token on every /admin request. */
  adminToken: string;
  /** The port it listens on: /admin requests must be addressed to it by a loopback name. */
  port: number;
  faults: FaultState;
  tokenTtlSeconds: number;
  /** How long a "timeout" fault holds its answer. */
  hangMs?: number;
  /** Whether operations send callbacks (a callback URL is set). */
  callbacks: boolean;
  callbackStats: CallbackStats;
  scenarios: Scenarios;
}

const MAX_BODY = 64 * 1024;
const shipmentBody = z
  .object({ orderId: z.string().min(1).max(200), customerId: z.string().max(200).optional(), sandbox: scenarioSchema.optional() })
  .passthrough();
const customerMergeBody = z.object({
  mergeId: z.string().min(1).max(200),
  into: z.string().min(1).max(200),
  from: z.array(z.string().min(1).max(200)).min(1).max(100),
});
const SLOW_AFTER_LOST_ANSWER_MS = 3_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Counters for tests and benchmarks: every request that reached the provider (faulty or not), and what it saw at once. */
export interface ProviderStats {
  requests: { token: number; shipments: number; operations: number; acks: number; customerMerges: number };
  /** Shipment requests that arrived while another request with the same key was in flight. */
  concurrentSameKey: number;
  callbacks: CallbackStats;
}

export function createProviderServer(o: ProviderOptions): { server: http.Server; stats: ProviderStats } {
  const stats: ProviderStats = {
    requests: { token: 0, shipments: 0, operations: 0, acks: 0, customerMerges: 0 },
    concurrentSameKey: 0,
    callbacks: o.callbackStats,
  };
  const inFlight = new Set<string>();
  const hangMs = o.hangMs ?? 120_000;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("provider: request failed:", error);
      if (!res.headersSent) send(res, 500, { error: "internal_error" });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://provider");
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith("/admin/")) return admin(route, url, req, res);

    if (route === "POST /oauth/token") stats.requests.token++;
    else if (route === "POST /v1/shipments") stats.requests.shipments++;
    else if (req.method === "GET" && url.pathname.startsWith("/v1/operations/")) stats.requests.operations++;
    else if (req.method === "POST" && url.pathname.startsWith("/v1/operations/")) stats.requests.acks++;
    else if (req.method === "POST" && url.pathname.startsWith("/v1/customer-merges")) stats.requests.customerMerges++;

    const faults = o.faults.value;
    if (faults.down) return void req.socket.destroy();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.incompatible) return send(res, 400, { error: "unsupported_request", message: "This API version does not accept that request." });
    if (o.faults.roll("failureRate")) return send(res, 503, { error: "unavailable", message: "Try again later." });

    if (route === "POST /oauth/token") {
      if (!basicAuthMatches(o.credentials, req.headers.authorization)) {
        res.setHeader("WWW-Authenticate", 'Basic realm="provider"');
        return send(res, 401, { error: "invalid_client" });
      }
      const { token, expiresIn } = issueToken(o.credentials, o.tokenTtlSeconds);
      return send(res, 200, { access_token: token, token_type: "Bearer", expires_in: expiresIn });
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !tokenIsValid(o.credentials, bearer)) {
      res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
      return send(res, 401, { error: "invalid_token" });
    }

    if (route === "POST /v1/shipments") return shipments(req, res);
    if (route === "POST /v1/customer-merges") return customerMerge(req, res);
    const unmerge = /^\/v1\/customer-merges\/([^/]+)\/undo$/.exec(url.pathname);
    if (req.method === "POST" && unmerge) {
      req.resume();
      const known = await o.store.unmergeCustomers(decodeURIComponent(unmerge[1]));
      if (o.faults.roll("lostAckRate")) return void req.socket.destroy();
      return known ? send(res, 200, { undone: true }) : send(res, 404, { error: "not_found", message: "No such customer merge (yet)." });
    }
    const op = /^\/v1\/operations\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && op) {
      const found = UUID.test(op[1]) ? await o.store.operation(op[1]) : null;
      return found ? send(res, 200, found) : send(res, 404, { error: "not_found" });
    }
    const ack = /^\/v1\/operations\/([^/]+)\/ack$/.exec(url.pathname);
    if (req.method === "POST" && ack) {
      req.resume();
      const known = UUID.test(ack[1]) && (await o.store.acknowledge(ack[1]));
      return known ? send(res, 200, { acknowledged: true }) : send(res, 404, { error: "not_found" });
    }
    return send(res, 404, { error: "not_found" });
  }

  async function shipments(req: http.IncomingMessage, res: http.ServerResponse) {
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || key.length < 1 || key.length > 255) {
      return send(res, 400, { error: "idempotency_key_required", message: "Send an Idempotency-Key header (1 to 255 characters)." });
    }
    if (inFlight.has(key)) stats.concurrentSameKey++;
    inFlight.add(key);
    try {
      const body = await readJson(req);
      const parsed = shipmentBody.safeParse(body);
      if (!parsed.success) return send(res, 400, { error: "invalid_request", message: "The body must be JSON with an orderId." });
      const { orderId } = parsed.data;
      const scenario = o.scenarios.apply(orderId, parsed.data.sandbox);
      // After a lost answer the work takes a while, so the client's retry comes before its result.
      const accepted = await o.store.accept(key, parsed.data, o.faults.value.workDelayMs + (scenario.loseAnswer ? SLOW_AFTER_LOST_ANSWER_MS : 0));
      if (accepted.kind === "key-reused") {
        return send(res, 422, { error: "idempotency_key_reused", message: "This Idempotency-Key was used with another request body." });
      }
      if (accepted.created && o.callbacks) {
        // Reordered: held back until after the result's callback has gone.
        const late = o.faults.roll("reorderRate");
        await o.store.queueCallback({ id: accepted.operationId, idempotencyKey: key, orderId }, "operation.processing", {
          // A lost answer's "processing" notice is lost with it: otherwise it would tell the client
          // what the answer did, and the retry the scenario is about would not happen.
          lost: o.faults.roll("callbackLossRate") || scenario.loseAnswer,
          delayMs: late ? o.faults.value.workDelayMs + 300 : 0,
          copies: o.scenarios.callbackCopies(orderId),
        });
      }
      // The work is taken; now the answer can go wrong.
      if (o.faults.roll("lostAckRate") || scenario.loseAnswer) return void req.socket.destroy();
      if (o.faults.roll("timeoutRate")) return hang(res);
      send(res, 202, { operationId: accepted.operationId });
    } catch (error) {
      if (error instanceof BodyError) return send(res, error.status, { error: "invalid_request", message: error.message });
      throw error;
    } finally {
      inFlight.delete(key);
    }
  }

  /** The client merged customers: their shipments follow the survivor. Once per merge ID. */
  async function customerMerge(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const parsed = customerMergeBody.safeParse(await readJson(req));
      if (!parsed.success) return send(res, 400, { error: "invalid_request", message: "The body must be JSON with mergeId, into and from." });
      const { moved } = await o.store.mergeCustomers(parsed.data.mergeId, parsed.data.into, parsed.data.from);
      // Applied; now the answer can go wrong, and the client's retry must change nothing.
      if (o.faults.roll("lostAckRate")) return void req.socket.destroy();
      send(res, 200, { mergeId: parsed.data.mergeId, moved });
    } catch (error) {
      if (error instanceof BodyError) return send(res, error.status, { error: "invalid_request", message: error.message });
      throw error;
    }
  }

  async function admin(route: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    const access = adminRequestAllowed(req, o.adminToken, o.port);
    if (!access.ok) {
      req.resume();
      return send(res, access.status, { error: access.error });
    }
    if (route === "GET /admin/health") {
      const challenge = url.searchParams.get("challenge");
      return send(res, 200, { ok: true, ...(challenge && { proof: clientProof(o.credentials.clientSecret, challenge.slice(0, 200)) }) });
    }
    if (route === "GET /admin/stats") return send(res, 200, stats);
    if (route === "GET /admin/faults") return send(res, 200, o.faults.value);
    if (route === "PUT /admin/faults") {
      try {
        const parsed = faultsUpdateSchema.safeParse(await readJson(req));
        if (!parsed.success)
          return send(res, 400, { error: "invalid_faults", issues: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`) });
        return send(res, 200, o.faults.update(parsed.data));
      } catch (error) {
        if (error instanceof BodyError) return send(res, error.status, { error: "invalid_request", message: error.message });
        throw error;
      }
    }
    if (route === "GET /admin/customer-merges") return send(res, 200, await o.store.customerMerges());
    if (route === "GET /admin/shipments") {
      const orderId = url.searchParams.get("orderId");
      return send(res, 200, await o.store.shipments(orderId));
    }
    return send(res, 404, { error: "not_found" });
  }

  function hang(res: http.ServerResponse) {
    const timer = setTimeout(() => send(res, 202, { late: true }), hangMs);
    res.on("close", () => clearTimeout(timer));
  }

  return { server, stats };
}

/** Runs the shipments' work when it is due: each accepted operation ends succeeded or failed (and says so, with callbacks on). */
export function startWork(store: ProviderStore, faults: FaultState, o: { callbacks: boolean; scenarios: Scenarios }, intervalMs = 20): () => Promise<void> {
  return startLoop(
    "work loop",
    async () => {
      const due = await store.dueOperations();
      // The rolls in the order they always came, so a seed replays the same run.
      const finished = due.map((op) => {
        const ok = !faults.roll("operationFailureRate");
        const lost = o.callbacks && faults.roll("callbackLossRate");
        return { ...op, lost, outcome: ok ? { ok: true as const } : { ok: false as const, reason: "The warehouse rejected the shipment." } };
      });
      await store.finish(finished);
      if (o.callbacks) {
        for (const op of finished) {
          await store.queueCallback(op, op.outcome.ok ? "operation.succeeded" : "operation.failed", {
            lost: op.lost,
            delayMs: 0,
            copies: o.scenarios.callbackCopies(op.orderId),
          });
        }
      }
      return due.length;
    },
    intervalMs,
  );
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyError(413, "The body is larger than 64 KB.");
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw new BodyError(400, "The body is not JSON.");
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
