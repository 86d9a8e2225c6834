// Errors that mean "the database could not do it just now", not "this request is wrong": a lock
// not granted in time, a statement or transaction time limit, too many connections, a connection
// that could not be made or was cut. The transaction rolled back, so the same request may simply be
// retried; callers answer 503 with Retry-After (the API) or "Try again" (forms), never a 500.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionWriteConflict"]);
// SQLSTATE: 08 connection exception, 53 insufficient resources, 57 operator intervention (57014 is a
// statement timeout), 55P03 lock not available, 40001/40P01 serialization failure and deadlock.
const SQLSTATE = /^(08|53|57)...$|^55P03$|^40001$|^40P01$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
const DRIVER_MESSAGES = /connection error|connection terminated|timeout exceeded when trying to connect|Connection closed/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
}

/** Whether `test` holds for the error or one of its causes (Prisma wraps the driver's error). */
function inChain(error: unknown, test: (e: ErrorLike) => boolean, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  return test(error as ErrorLike) || inChain((error as ErrorLike).cause, test, depth + 1);
}

const driverSqlState = (e: ErrorLike) => String(e.meta?.driverAdapterError?.cause?.originalCode ?? e.meta?.driverAdapterError?.cause?.code ?? "");

export function isDatabaseUnavailable(error: unknown): boolean {
  return inChain(error, (e) => {
    const code = typeof e.code === "string" ? e.code : "";
    if (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code)) return true;
    const cause = e.meta?.driverAdapterError?.cause;
    if (cause && (ADAPTER_KINDS.has(String(cause.kind)) || SQLSTATE.test(driverSqlState(e)))) return true;
    return typeof e.message === "string" && DRIVER_MESSAGES.test(e.message) && !("meta" in e);
  });
}

/** A lock wait that ran out (55P03): the database is busy, not the statement wrong. */
export const isLockTimeout = (error: unknown): boolean => inChain(error, (e) => e.code === "55P03" || driverSqlState(e) === "55P03");

/** Seconds a client should wait before retrying a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 2;
