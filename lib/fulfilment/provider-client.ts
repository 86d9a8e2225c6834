// The app's side of the fulfilment provider's API: OAuth client credentials, a timeout on every
// call (cockatiel), and answers checked before use. Whatever the provider sends back (not JSON,
// missing fields, enormous, nothing at all) ends as a ProviderFailure of that one call.
import { TaskCancelledError, type IPolicy } from "cockatiel";
import * as z from "zod";
import { isRetryableStatus, parseRetryAfter } from "@/lib/outbox/retry-policy.ts";
import { DeliveryFailure, type ResultState } from "@/lib/outbox/topics.ts";
import type { CustomerMergePayload } from "./customer-merge-events.ts";
import { keepAliveSend, type HttpAnswer, type HttpSend } from "./provider-http.ts";

/** Whatever went wrong in one call to the provider. */
class ProviderFailure extends DeliveryFailure {}

export interface ProviderClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Wraps every call: the dispatcher gives it a timeout. */
  policy: IPolicy;
  /** How requests go out; tests wrap it to tamper with a request on the way. */
  send?: HttpSend;
}

const MAX_ANSWER_BYTES = 64 * 1024;
const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const accepted = z.object({ operationId: z.string().min(1).max(200) });
const operation = z.discriminatedUnion("status", [
  z.object({ status: z.literal("processing") }),
  z.object({ status: z.literal("succeeded"), shipmentId: z.string().min(1).max(200) }),
  z.object({ status: z.literal("failed"), reason: z.string().max(1000).nullish() }),
]);

export class ProviderClient {
  private token: { value: string; renewAt: number } | null = null;
  private readonly send: HttpSend;

  constructor(private readonly o: ProviderClientOptions) {
    this.send = o.send ?? keepAliveSend();
  }

  /** Asks for a shipment. The same key on every attempt: the provider makes it once. */
  async createShipment(idempotencyKey: string, body: unknown): Promise<{ operationId: string }> {
    return this.call(async (signal) => {
      const res = await this.authorized(signal, (token) =>
        this.send(`${this.o.baseUrl}/v1/shipments`, {
          method: "POST",
          signal,
          headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": idempotencyKey, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
      if (res.status !== 200 && res.status !== 201 && res.status !== 202) throw await failureOf(res);
      return parse(accepted, await readAnswer(res));
    });
  }

  async operation(id: string): Promise<ResultState> {
    return this.call(async (signal) => {
      const res = await this.authorized(signal, (token) =>
        this.send(`${this.o.baseUrl}/v1/operations/${encodeURIComponent(id)}`, { method: "GET", signal, headers: { Authorization: `Bearer ${token}` } }),
      );
      if (res.status === 404) {
        res.discard();
        return { status: "unknown" } as const;
      }
      if (res.status !== 200) throw await failureOf(res);
      const state = parse(operation, await readAnswer(res));
      return state.status === "failed" ? { status: "failed", reason: state.reason || "no reason given" } : state;
    });
  }

  /** Tells the provider we hold the operation's result, so it stops re-sending its callback. */
  async acknowledge(operationId: string): Promise<void> {
    return this.call(async (signal) => {
      const res = await this.authorized(signal, (token) =>
        this.send(`${this.o.baseUrl}/v1/operations/${encodeURIComponent(operationId)}/ack`, {
          method: "POST",
          signal,
          headers: { Authorization: `Bearer ${token}` },
        }),
      );
      // 404: it no longer knows the operation, so there is nothing left to stop.
      if (res.status === 200 || res.status === 204 || res.status === 404) return res.discard();
      throw await failureOf(res);
    });
  }

  /** Tells the provider customers were merged (or a merge undone). Applied once per merge ID, however often sent. */
  async customerMerge(payload: CustomerMergePayload, undo: boolean): Promise<void> {
    return this.call(async (signal) => {
      const url = undo ? `${this.o.baseUrl}/v1/customer-merges/${encodeURIComponent(payload.mergeId)}/undo` : `${this.o.baseUrl}/v1/customer-merges`;
      const res = await this.authorized(signal, (token) =>
        this.send(url, {
          method: "POST",
          signal,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(payload),
        }),
      );
      if (res.status === 200) return res.discard();
      if (undo && res.status === 404) {
        // The undo overtook its merge (still being retried): send it again later. Not the provider's fault.
        res.discard();
        throw new ProviderFailure("the provider has not received this merge yet", true, false);
      }
      throw await failureOf(res);
    });
  }

  private async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      // A signal of its own per call: without one, cockatiel hangs every concurrent call's listener
      // on one shared signal (Node warns past 10).
      return await this.o.policy.execute(({ signal }) => fn(signal), new AbortController().signal);
    } catch (error) {
      throw describe(error, this.o.baseUrl);
    }
  }

  /** An expired or revoked token gets one new token and one more try. */
  private async authorized(signal: AbortSignal, send: (token: string) => Promise<HttpAnswer>): Promise<HttpAnswer> {
    const first = await send(await this.accessToken(signal));
    if (first.status !== 401) return first;
    first.discard();
    this.token = null;
    const second = await send(await this.accessToken(signal));
    if (second.status === 401) {
      second.discard();
      throw new ProviderFailure("the provider refused our access token twice", true, true);
    }
    return second;
  }

  private async accessToken(signal: AbortSignal): Promise<string> {
    // Renewed a little early (a tenth of its life, at most 10 s), so it never expires on the way.
    if (this.token && this.token.renewAt > Date.now()) return this.token.value;
    const basic = Buffer.from(`${this.o.clientId}:${this.o.clientSecret}`).toString("base64");
    const res = await this.send(`${this.o.baseUrl}/oauth/token`, {
      method: "POST",
      signal,
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    if (res.status === 401) {
      res.discard();
      throw new ProviderFailure("the provider refused our client credentials (PROVIDER_CLIENT_ID / PROVIDER_CLIENT_SECRET)", true, true);
    }
    if (res.status !== 200) throw await failureOf(res, "token request");
    const answer = parse(tokenAnswer, await readAnswer(res));
    const lifeMs = answer.expires_in * 1000;
    this.token = { value: answer.access_token, renewAt: Date.now() + lifeMs - Math.min(10_000, lifeMs / 10) };
    return answer.access_token;
  }
}

async function failureOf(res: HttpAnswer, what = "request"): Promise<ProviderFailure> {
  let code = "";
  try {
    const body = (await readAnswer(res)) as { error?: unknown };
    if (typeof body?.error === "string") code = ` ${body.error.slice(0, 60)}`;
  } catch {
    // the status says enough
  }
  const retryable = isRetryableStatus(res.status);
  // A refused key or a conflict is about this event, not about the provider's health.
  const counts = res.status !== 409 && res.status !== 422;
  const retryAfterMs = res.status === 429 || res.status === 503 ? parseRetryAfter(res.header("retry-after") ?? null) : undefined;
  return new ProviderFailure(`the provider answered ${res.status}${code} to the ${what}`, retryable, counts, retryAfterMs);
}

async function readAnswer(res: HttpAnswer): Promise<unknown> {
  const declared = Number(res.header("content-length"));
  if (declared > MAX_ANSWER_BYTES) {
    res.discard();
    throw new ProviderFailure(`the provider's answer is too large (${declared} bytes)`, true, true);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) {
      res.discard();
      throw new ProviderFailure("the provider's answer is larger than 64 KB", true, true);
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ProviderFailure(`the provider's answer (${res.status}) is not JSON`, true, true);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ProviderFailure(`the provider's answer is missing or has a bad "${issue?.path.join(".") || "body"}"`, true, true);
}

/** Every way a call can end badly, as one ProviderFailure. */
function describe(error: unknown, baseUrl: string): unknown {
  if (error instanceof ProviderFailure) return error;
  if (error instanceof TaskCancelledError) return new ProviderFailure("no answer from the provider in time (timeout)", true, true);
  const cause = (error as { code?: string })?.code;
  if (cause === "ECONNREFUSED") return new ProviderFailure(`cannot connect to the provider at ${baseUrl}`, true, true);
  if (cause) return new ProviderFailure(`the connection to the provider failed (${cause})`, true, true);
  return new ProviderFailure(`the call to the provider failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300), true, true);
}
