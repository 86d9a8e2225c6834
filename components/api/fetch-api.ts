// The browser's side of /api/v1: JSON in, problem+json errors out as ApiError, and which failures
// a client should retry (the network, a request still in progress) and when.

export interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The server answered from an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  matches?: Array<{ id: string; title: string; pageUrl: string; details: string[]; reasons: string[]; createdAt: string; createdBy: string }>;
  confirmDuplicateOf?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** From Retry-After, for 409 in progress and 429. */
    readonly retryAfterMs: number | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
  is(type: string) {
    return this.problem?.type === `/api/v1/problems/${type}`;
  }
}

/** The request never got an answer: offline, reset, or the response was lost. */
class NetworkError extends Error {}

export async function postApi<T>(path: string, body: unknown, idempotencyKey: string): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError("The request got no answer.", { cause: error });
  }
  return read<T>(response);
}

async function read<T>(response: Response): Promise<ApiAnswer<T>> {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ApiError(response.status, body as Problem | null, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
  }
  return { status: response.status, body: body as T, replayed: response.headers.get("idempotent-replayed") === "true" };
}

/** Safe to resend with the same key: nothing was answered, or the first copy is still running. */
export const isRetryable = (error: unknown) =>
  error instanceof NetworkError || (error instanceof ApiError && (error.is("request-in-progress") || error.status === 429 || error.status >= 500));

/** Backoff: the server's Retry-After when it gave one, else 0.5 s, 1 s, 2 s… up to 8 s. */
export const retryDelay = (attempt: number, error: unknown) =>
  error instanceof ApiError && error.retryAfterMs !== null ? error.retryAfterMs : Math.min(500 * 2 ** attempt, 8_000);
