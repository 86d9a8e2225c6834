// Every error the API answers is an RFC 9457 problem (application/problem+json) of one of these
// types. The `type` URIs are stable: clients may branch on them. Each is documented in the
// OpenAPI file and served, readable, at its own URI.

export const PROBLEMS = {
  "validation-error": {
    status: 400,
    title: "The request is not valid",
    description: "A field is missing, has the wrong type, is out of range, or is not known. `errors` names each field and what is wrong.",
  },
  "malformed-url": {
    status: 400,
    title: "The address cannot be read",
    description: "The path holds a percent-escape that does not decode to text (like `%ff`).",
  },
  "malformed-json": { status: 400, title: "The body is not valid JSON", description: "The request body could not be parsed as JSON." },
  "idempotency-key-missing": {
    status: 400,
    title: "Idempotency-Key is required",
    description: "Every POST must carry an `Idempotency-Key` header: 1 to 255 printable ASCII characters, a UUID recommended.",
  },
  "idempotency-key-invalid": {
    status: 400,
    title: "Idempotency-Key is not valid",
    description: "The key must be 1 to 255 printable ASCII characters (a bare token or a quoted structured-field string).",
  },
  unauthorized: {
    status: 401,
    title: "Authentication required",
    description: "Send a personal access token as `Authorization: Bearer …`. The token is missing, malformed, expired or revoked.",
  },
  "not-found": {
    status: 404,
    title: "Not found",
    description: "There is no such resource for this user. Another user's resources are reported exactly like ones that do not exist.",
  },
  "method-not-allowed": { status: 405, title: "Method not allowed", description: "This resource does not support the request's method." },
  "id-conflict": {
    status: 409,
    title: "This id is already used",
    description:
      "A record with the body's `id` exists with other values, or the id cannot be used. Nothing was overwritten. Generate a new id for a new record.",
  },
  "merge-conflict": {
    status: 409,
    title: "The merge cannot go ahead as asked",
    description:
      "A customer named is already merged into another (`survivor` names where it lives now), or a merge cannot be undone (its survivor was merged since, or a later merge into the same survivor is still in place: undo that first; or it is too old). Nothing was changed.",
  },
  "possible-duplicate": {
    status: 409,
    title: "Possible duplicate",
    description:
      "Nothing was saved: existing records look like this one. `matches` lists them. To save anyway, resend the same request (the same Idempotency-Key is fine) with `confirmDuplicateOf` set to the list given.",
  },
  "request-in-progress": {
    status: 409,
    title: "A request with this key is still in progress",
    description: "Another request with this Idempotency-Key has not finished. Retry after the `Retry-After` seconds; you will then get its answer.",
  },
  "payload-too-large": { status: 413, title: "The body is too large", description: "Request bodies are limited to 64 KB." },
  "unsupported-media-type": { status: 415, title: "Unsupported content type", description: "Send the body as `application/json`." },
  "idempotency-key-reused": {
    status: 422,
    title: "Idempotency-Key reused with a different request",
    description: "This key was used for a request with a different method, path or body. Nothing was changed. Use a new key for a new request.",
  },
  "rate-limited": {
    status: 429,
    title: "Too many requests",
    description: "This token sent more requests than its limit allows. Retry after the `Retry-After` seconds.",
  },
  "matching-unavailable": {
    status: 503,
    title: "The duplicate check is unavailable",
    description: "The near-match query could not run just now (it timed out or the database is busy). Try again shortly.",
  },
  "service-unavailable": {
    status: 503,
    title: "Busy, try again",
    description:
      "The database could not take the request just now (a lock was not granted in time, or a connection failed). Nothing was committed. Retry after the `Retry-After` seconds, with the same Idempotency-Key.",
  },
  "internal-error": {
    status: 500,
    title: "Something went wrong on our side",
    description: "The request failed on the server. Nothing it would have written was committed; it is safe to retry with the same Idempotency-Key.",
  },
} as const;

export type ProblemType = keyof typeof PROBLEMS;

export const problemTypeUri = (type: ProblemType) => `/api/v1/problems/${type}`;
