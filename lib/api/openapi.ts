// The OpenAPI 3.1 description of /api/v1. Request bodies and query parameters come from the same
// zod schemas the routes validate with (which are the forms' schemas), so the document cannot
// drift from what the server accepts.
import { FULFILMENT_STATUSES } from "@/lib/fulfilment/status.ts";
import * as z from "zod";
import { KEY_EXPIRES_HEADER } from "./idempotency-key.ts";
import { PROBLEMS, problemTypeUri } from "./problems.ts";
import { allowedMethods } from "./route-methods.ts";
import { apiCustomerSchema, apiMergeSchema, apiOrderSchema, customerListQuery, customerMatchQuery, orderListQuery } from "./schemas.ts";

const body = (schema: z.core.$ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  void _ignored;
  return rest;
};

function queryParameters(schema: z.ZodObject) {
  const json = body(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(json.properties).map(([name, s]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema: s }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const jsonResponse = (description: string, schema: object, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema } },
});

const KEYED_HEADERS = {
  [KEY_EXPIRES_HEADER]: {
    description: "When this Idempotency-Key's stored answer is forgotten (an HTTP date). Sent on every answer to a keyed request that was stored.",
    schema: { type: "string" },
  },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer of an earlier request with the same key.",
    schema: { type: "string", enum: ["true"] },
  },
};

const common401 = { 401: problemResponse("Missing, malformed, expired or revoked token. Carries `WWW-Authenticate`.") };
const common429 = { 429: problemResponse("Rate limit (per user, shared by all of the user's tokens); see `Retry-After`.") };
const common503 = {
  503: problemResponse("service-unavailable: the database could not take the request just now; nothing was committed. Retry after `Retry-After` seconds."),
};

function createOperation(entity: "Customer" | "Order", input: z.ZodType) {
  return {
    summary: `Create a ${entity.toLowerCase()} (safe to retry)`,
    parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }],
    requestBody: { required: true, content: { "application/json": { schema: body(input) } } },
    responses: {
      201: jsonResponse(`Created. Replays of the same key answer the same, with \`Idempotent-Replayed: true\`.`, ref(entity), {
        Location: { schema: { type: "string" } },
        "Duplicate-Check": {
          description: "`unavailable` when the near-match check could not run (it timed out): the record was saved without it.",
          schema: { type: "string", enum: ["unavailable"] },
        },
        ...KEYED_HEADERS,
      }),
      200: jsonResponse("The body's `id` was saved before with the same values: nothing new was created.", ref(entity), KEYED_HEADERS),
      400: problemResponse("validation-error, malformed-json, idempotency-key-missing or idempotency-key-invalid. Nothing is stored under the key."),
      ...common401,
      404: problemResponse(entity === "Order" ? "The customer does not exist for this user (another user's customer answers the same)." : "Not used."),
      409: problemResponse("possible-duplicate (send `confirmDuplicateOf` back to save anyway), id-conflict, or request-in-progress (`Retry-After: 1`)."),
      413: problemResponse("Body over 64 KB."),
      415: problemResponse("Not application/json."),
      422: problemResponse("idempotency-key-reused: the key was used with another method, path or body."),
      ...common429,
      ...common503,
    },
  };
}

/** Every operation may also answer 400 for a path it cannot read, 405 for another method, and 413 for a body over 64 KB (refused before any route runs). */
function withCommonAnswers<T extends Record<string, Record<string, { responses: Record<string, unknown> }>>>(paths: T): T {
  for (const [path, operations] of Object.entries(paths)) {
    const allow = allowedMethods(`/api/v1${path.replace(/\{[^}]+\}/g, "x")}`)?.join(", ") ?? "";
    for (const operation of Object.values(operations)) {
      operation.responses[400] ??= problemResponse("malformed-url: the path holds a percent-escape that does not decode to text.");
      operation.responses[413] ??= problemResponse("payload-too-large: a body over 64 KB, refused before the request is read.");
      operation.responses[405] = {
        ...problemResponse("method-not-allowed: another method than this resource answers."),
        headers: { Allow: { description: `The methods it answers: ${allow}.`, schema: { type: "string" } } },
      };
    }
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Dedupe Desk API",
      version: "1.0.0",
      description: [
        "Every create is safe to retry. Send an `Idempotency-Key` (1–255 printable ASCII characters; a UUID recommended) with each POST and resend the same key, with the same body, until you get an answer other than a 5xx or `request-in-progress`.",
        "",
        "- The key is claimed in the same database transaction as the records the request creates: it exists if and only if they were committed. A failed or crashed request leaves nothing behind, and its retry runs afresh.",
        "- A repeat returns the stored status and body with `Idempotent-Replayed: true`. Business errors (404, 409 id-conflict) are stored too; a `possible-duplicate` answer is stored only until you resend with `confirmDuplicateOf`. Requests refused before they ran (400, 401, 413, 415, 429) store nothing.",
        "- The same key with another method, path or body (SHA-256 of the canonical JSON, without `confirmDuplicateOf`) is refused with 422.",
        "- A repeat while the first is still running waits up to 2 seconds for its answer, then gets 409 `request-in-progress` with `Retry-After: 1`; a request holds its key for at most 30 seconds.",
        `- Keys are scoped to the user and kept 24 hours; \`${KEY_EXPIRES_HEADER}\` says until when. \`GET /idempotency-keys/{key}\` tells what a key produced.`,
        "- The body's `id` is a second, independent protection: the same id never makes a second record, whatever the key.",
        "",
        "Errors are RFC 9457 problems (`application/problem+json`); their `type` URIs are listed under `x-problem-types` and each can be opened for its description.",
      ].join("\n"),
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    "x-problem-types": Object.fromEntries(
      Object.entries(PROBLEMS).map(([type, p]) => [
        problemTypeUri(type as keyof typeof PROBLEMS),
        { status: p.status, title: p.title, description: p.description },
      ]),
    ),
    paths: withCommonAnswers({
      "/customers": {
        get: {
          summary: "List customers, newest first",
          parameters: queryParameters(customerListQuery),
          responses: { 200: jsonResponse("A page of customers.", page(ref("Customer"))), 400: problemResponse("validation-error"), ...common401, ...common429 },
        },
        post: createOperation("Customer", apiCustomerSchema),
      },
      "/customers/{id}": {
        get: {
          summary: "One customer",
          description:
            "A customer merged into another answers 308 to the survivor, for good; the body's `mergedInto` serves clients that do not follow redirects. Lists never include merged customers.",
          parameters: [idParameter],
          responses: {
            200: jsonResponse("The customer.", ref("Customer")),
            308: jsonResponse(
              "Merged into another customer: `Location` is the survivor.",
              object({ mergedInto: object({ id: uuid, url: str, mergedAt: { type: ["string", "null"], format: "date-time" } }) }),
              { Location: { schema: { type: "string" } } },
            ),
            ...common401,
            404: problemResponse("No such customer for this user."),
            ...common429,
          },
        },
      },
      "/customers/merges": {
        post: {
          summary: "Merge customers into one survivor (safe to retry)",
          description:
            "In one transaction: the merged customers' orders and duplicate decisions move to `into`, which takes the values chosen in `fields` (field → the customer to take it from; by default its own, else the first non-empty one), and each merged customer becomes a record that redirects to it. The body's `id` makes the merge itself idempotent.",
          parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }],
          requestBody: { required: true, content: { "application/json": { schema: body(apiMergeSchema) } } },
          responses: {
            201: jsonResponse("Merged. `Location` is the survivor.", ref("Merge"), { Location: { schema: { type: "string" } }, ...KEYED_HEADERS }),
            200: jsonResponse("This merge `id` ran before with the same request: nothing new.", ref("Merge"), KEYED_HEADERS),
            400: problemResponse("validation-error, malformed-json, idempotency-key-missing or idempotency-key-invalid."),
            ...common401,
            404: problemResponse("A customer named does not exist for this user; `ids` lists them."),
            409: problemResponse(
              "merge-conflict: a customer named was already merged (`survivor` says into which); id-conflict: this merge id was used for another merge; request-in-progress.",
            ),
            413: problemResponse("Body over 64 KB."),
            415: problemResponse("Not application/json."),
            422: problemResponse("idempotency-key-reused."),
            ...common429,
            ...common503,
          },
        },
      },
      "/customers/merges/{id}/undo": {
        post: {
          summary: "Undo a merge (safe to retry)",
          description:
            "Within 30 days: the merged customers come back with their own values, the survivor gets its values from before, and exactly the orders and decisions that moved move back (orders placed on the survivor since stay). Undoing an undone merge answers the same.",
          parameters: [idParameter, { $ref: "#/components/parameters/IdempotencyKey" }],
          responses: {
            200: jsonResponse("Undone (now or before).", ref("Merge"), KEYED_HEADERS),
            400: problemResponse("idempotency-key-missing or idempotency-key-invalid."),
            ...common401,
            404: problemResponse("No such merge for this user."),
            409: problemResponse(
              "merge-conflict: the survivor was merged since (undo that first), a later merge into the same survivor is still in place (undo that first), or the merge is too old.",
            ),
            422: problemResponse("idempotency-key-reused: the key was used for another request."),
            ...common429,
            ...common503,
          },
        },
      },
      "/customers/matches": {
        get: {
          summary: "Customers that look like the given fields (the near-match check)",
          parameters: queryParameters(customerMatchQuery),
          responses: {
            200: jsonResponse("Possible matches, with reasons.", { type: "object", properties: { matches: { type: "array", items: ref("Match") } } }),
            400: problemResponse("validation-error"),
            ...common401,
            ...common429,
            503: problemResponse("matching-unavailable or service-unavailable"),
          },
        },
      },
      "/orders": {
        get: {
          summary: "List orders, newest first",
          parameters: queryParameters(orderListQuery),
          responses: { 200: jsonResponse("A page of orders.", page(ref("Order"))), 400: problemResponse("validation-error"), ...common401, ...common429 },
        },
        post: createOperation("Order", apiOrderSchema),
      },
      "/orders/{id}": {
        get: {
          summary: "One order",
          description: "With `fulfilment`: where its delivery to the fulfilment provider stands (null for an order placed before deliveries existed).",
          parameters: [idParameter],
          responses: {
            200: jsonResponse("The order.", { allOf: [ref("Order"), object({ fulfilment: { oneOf: [ref("Fulfilment"), { type: "null" }] } })] }),
            ...common401,
            404: problemResponse("No such order for this user."),
            ...common429,
          },
        },
      },
      "/orders/{id}/fulfilment": {
        get: {
          summary: "An order's delivery, step by step",
          description:
            "The `fulfilment` object of the order with `steps`: each thing that happened to its delivery, oldest first. What the order page's timeline shows.",
          parameters: [idParameter],
          responses: {
            200: jsonResponse("The delivery, or null.", {
              oneOf: [{ allOf: [ref("Fulfilment"), object({ steps: { type: "array", items: ref("FulfilmentStep") } })] }, { type: "null" }],
            }),
            ...common401,
            404: problemResponse("No such order for this user."),
            ...common429,
          },
        },
      },
      "/idempotency-keys/{key}": {
        get: {
          summary: "What a key produced",
          description:
            "For a client that lost a response: the stored status and the resource it created, without retrying. 404 when the key's request never completed (nothing was committed), was never sent by you, or has expired.",
          parameters: [{ name: "key", in: "path", required: true, schema: { type: "string", minLength: 1, maxLength: 255 } }],
          responses: {
            200: jsonResponse("The key's record.", ref("IdempotencyKey")),
            ...common401,
            404: problemResponse("Nothing kept for this key."),
            ...common429,
          },
        },
      },
    }),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token from /settings/tokens (`ddk_…`)." } },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: true,
          description: "1–255 printable ASCII characters, bare or as a structured-field string. A new one per logical request; the same one for its retries.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
      schemas: {
        Customer: object({
          id: uuid,
          name: str,
          email: nullableStr,
          phone: nullableStr,
          company: nullableStr,
          street: nullableStr,
          postcode: nullableStr,
          city: nullableStr,
          country: { type: ["string", "null"], description: "ISO 3166-1 alpha-2, upper case." },
          createdAt: dateTime,
          url: str,
        }),
        Merge: object({
          id: uuid,
          into: uuid,
          from: { type: "array", items: uuid },
          ordersMoved: { type: "integer" },
          decisionsMoved: { type: "integer" },
          createdAt: dateTime,
          undoneAt: { type: ["string", "null"], format: "date-time" },
          survivorUrl: str,
          undoUrl: str,
        }),
        Order: object({
          id: uuid,
          customerId: uuid,
          description: str,
          amount: { type: "string", description: 'Decimal, like "19.99".' },
          amountMinor: { type: "integer", description: "In cents." },
          currency: { type: "string", enum: ["USD", "EUR", "GBP"] },
          createdAt: dateTime,
          url: str,
        }),
        Fulfilment: object({
          status: {
            type: "string",
            enum: [...FULFILMENT_STATUSES],
            description:
              "queued (waiting to be sent), sent (a call is in flight), acknowledged (the provider took it; its result is awaited), confirmed (shipped: see shipmentId), retrying (the last attempt failed; see lastError and nextAttemptAt), failed (gave up: a person can retry it), paused (the integration's switch is off).",
          },
          attempts: { type: "integer" },
          operationId: nullableStr,
          shipmentId: nullableStr,
          lastError: nullableStr,
          nextAttemptAt: { type: ["string", "null"], format: "date-time" },
        }),
        FulfilmentStep: object({
          kind: { type: "string", enum: ["queued", "acknowledged", "retrying", "failed", "confirmed", "requeued", "provider"] },
          at: dateTime,
          attempt: { type: "integer" },
          detail: nullableStr,
        }),
        Match: withOptional(
          object({
            id: uuid,
            url: str,
            pageUrl: str,
            title: str,
            details: { type: "array", items: str },
            reasons: { type: "array", items: str },
            createdAt: dateTime,
            createdBy: str,
          }),
          {
            probability: { type: "number", minimum: 0, maximum: 1, description: "Customers: how likely the two are one customer, from the fitted model." },
            evidence: {
              type: "array",
              description: "Customers: each comparison the model weighed, with its sign (+ for the match, - against, 0 neither).",
              items: object({ text: str, sign: { type: "string", enum: ["+", "-", "0"] } }),
            },
          },
        ),
        IdempotencyKey: object({
          key: str,
          method: str,
          path: str,
          status: { type: "integer" },
          resourceId: { type: ["string", "null"] },
          resourceUrl: nullableStr,
          provisional: { type: "boolean" },
          createdAt: dateTime,
          expiresAt: dateTime,
        }),
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: {
            type: { type: "string", enum: Object.keys(PROBLEMS).map((t) => problemTypeUri(t as keyof typeof PROBLEMS)) },
            title: str,
            status: { type: "integer" },
            detail: str,
            errors: { type: "array", items: object({ field: str, message: str }), description: "validation-error: each field and what is wrong with it." },
            matches: { type: "array", items: ref("Match"), description: "possible-duplicate: the records this one looks like." },
            confirmDuplicateOf: { type: "array", items: uuid, description: "possible-duplicate: send this list back to save anyway." },
          },
        },
      },
    },
  };
}

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const uuid = { type: "string", format: "uuid" };
const dateTime = { type: "string", format: "date-time" };
const idParameter = { name: "id", in: "path", required: true, schema: uuid };
const object = (properties: Record<string, object>) => ({ type: "object", required: Object.keys(properties), properties });
const withOptional = (schema: ReturnType<typeof object>, properties: Record<string, object>) => ({
  ...schema,
  properties: { ...schema.properties, ...properties },
});
const page = (item: object) => ({
  type: "object",
  required: ["data", "nextCursor"],
  properties: {
    data: { type: "array", items: item },
    nextCursor: { type: ["string", "null"], description: "Pass as `cursor` for the next page; null at the end." },
  },
});
