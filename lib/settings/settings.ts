// Every environment variable the app reads, its default and what it does, in one place. The
// README's Configuration table is generated from this list (npm run settings:table; a test keeps the
// two equal), and the HTTP server and the worker check the environment against it before they
// start, so a typo (IDEMPOTENCY_KEY_TTL_HOURS=abc) stops the start with a message naming the
// variable, instead of becoming NaN or 0 somewhere later.
import * as z from "zod";
import { secretsFrom } from "@/lib/webhooks/signature.ts";
import { trustedProxies } from "@/lib/net/client-address.ts";
import { deliveryConfig } from "@/lib/settings/delivery.ts";

interface Setting {
  /** What the README shows as the default. */
  shown: string;
  meaning: string;
  /** How a set value is read; unset or empty means the default. Absent: free text, read where it is used. */
  value?: z.ZodType;
}

const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const ms = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** A setting that another module already reads and checks: its check runs at start, here. */
const checkedBy = (check: (value: string) => unknown) =>
  z.string().superRefine((value, ctx) => {
    try {
      check(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

const SETTINGS = {
  DATABASE_URL: {
    shown: "unset: embedded PGlite in `.data/pglite`",
    meaning: "a PostgreSQL server to use instead; nothing embedded starts",
    value: z.url().optional(),
  },
  NEXTAUTH_SECRET: { shown: "generated into `.data/nextauth-secret`", meaning: "signs session cookies; **required** for `npm start` with `DATABASE_URL`" },
  NEXTAUTH_URL: { shown: "taken from the request's Host", meaning: "the public URL; set it behind a proxy", value: z.url().optional() },
  PORT: { shown: "3000", meaning: "the app's port", value: count(3000).pipe(z.number().max(65_535)) },
  DATA_DIR: { shown: "`.data`", meaning: "where the embedded database, its secret and the demo account live" },
  EMBEDDED_DB: {
    shown: "on disk, in `DATA_DIR`",
    meaning: "`memory`: the embedded database and the sandbox's live in memory and are gone when the app stops (the e2e suite's)",
    value: z.enum(["memory"]).optional(),
  },
  EMBEDDED_DB_PORT: {
    shown: "a free port",
    meaning: "the embedded database's port on 127.0.0.1, for psql or a test that counts rows",
    value: count(0, 0).pipe(z.number().max(65_535)),
  },
  TEST_DATABASE_URL: { shown: "unset: embedded", meaning: "a server for `npm run test:unit`; each test file gets its own database", value: z.url().optional() },
  API_RATE_LIMIT_PER_MINUTE: {
    shown: "600",
    meaning: "API requests per user (all of their tokens and their session together) per minute, across all instances",
    value: count(600),
  },
  TRUSTED_PROXIES: {
    shown: "none",
    meaning:
      "addresses or CIDR ranges of your proxies (`10.0.0.0/8, 127.0.0.1`); an `X-Forwarded-For` entry is believed only when it came through one of them. A value it cannot read stops the start; see Security",
    value: checkedBy((v) => trustedProxies(v)).optional(),
  },
  HOST: { shown: "every interface", meaning: "the address the app listens on; `127.0.0.1` when a proxy on the same machine is the only way in" },
  SHUTDOWN_DRAIN_MS: {
    shown: "0 (`start:cluster`: 2000)",
    meaning: "after SIGTERM, how long the instance keeps serving with `/api/ready` at 503, so the balancer stops sending first (at most 3000)",
    value: ms(0).transform((v) => Math.min(v, 3_000)),
  },
  METRICS_TOKEN: {
    shown: "unset: `/api/metrics` answers 404",
    meaning: "the bearer token Prometheus sends to scrape `/api/metrics`; keep it in your secret store",
  },
  ADMIN_EMAILS: {
    shown: "none (`npm run dev`: the demo account)",
    meaning: "operators, comma-separated: only they may change the sandbox provider's faults, which every workspace shares",
  },
  WEBHOOK_REFUSALS_PER_MINUTE: {
    shown: "60",
    meaning: "refused callbacks one address may send per minute (per instance) before it is answered 429 without being checked",
    value: count(60),
  },
  PROVIDER_ADMIN_TOKEN: { shown: "generated into `.data/provider-credentials.json`", meaning: "the sandbox's `/admin` token (`Authorization: Bearer …`)" },
  SIGNIN_FREE_FAILURES_PER_IP: {
    shown: "30",
    meaning: "failed sign-ins (and sign-ups of an existing email) per client address per 15 minutes before it must wait",
    value: count(30),
  },
  SIGNUP_LIMIT_PER_IP_PER_HOUR: {
    shown: "20",
    meaning: "accounts one client address may create per hour; test suites that sign up many users raise it",
    value: count(20),
  },
  SAVE_LOCK_TIMEOUT_MS: {
    shown: "5000",
    meaning: 'how long a save waits for its locks before answering "busy, try again" (503 on the API)',
    value: ms(5_000, 1),
  },
  MERGE_UNDO_DAYS: { shown: "30", meaning: "how long a customer merge can be undone", value: count(30) },
  DATABASE_CONNECT_TIMEOUT_MS: { shown: "5000", meaning: "how long a request waits for a new database connection", value: ms(5_000, 1) },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    shown: "15000",
    meaning: "the longest any one statement may run (the server cancels it; the embedded database does not enforce it)",
    value: ms(15_000, 1),
  },
  IDEMPOTENCY_KEY_TTL_HOURS: { shown: "24", meaning: "how long an Idempotency-Key's answer is kept", value: count(24) },
  IDEMPOTENCY_LEASE_SECONDS: { shown: "30", meaning: "the longest a running request holds its key (its transaction's time limit)", value: count(30) },
  IDEMPOTENCY_IN_PROGRESS_WAIT_MS: {
    shown: "2000",
    meaning: "how long a repeat waits for a running request with its key before answering 409 in progress",
    value: ms(2_000),
  },
  IDEMPOTENCY_CLEANUP_MINUTES: { shown: "10", meaning: "how often each instance deletes expired keys and spent sign-in counters", value: count(10) },
  PROVIDER_URL: {
    shown: "unset: the sandbox starts beside the app",
    meaning: "the fulfilment provider; with it, `PROVIDER_CLIENT_ID` and `PROVIDER_CLIENT_SECRET` are required",
    value: z.url().optional(),
  },
  PROVIDER_PORT: { shown: "4010", meaning: "the sandbox provider's port (on 127.0.0.1)", value: count(4010).pipe(z.number().max(65_535)) },
  PROVIDER_WEBHOOK_SECRET: {
    shown: "the sandbox's, generated into `.data/provider-credentials.json`",
    meaning:
      "the provider's callback signing secret: `whsec_` and at least 24 bytes in base64 (the app and the sandbox refuse to start otherwise); two, separated by a space, while rotating",
    value: checkedBy((v) => secretsFrom(v)).optional(),
  },
  // Longer than senders go on re-sending (days), so a late re-send is still a repeat; after that the
  // 5-minute timestamp window alone refuses a replay.
  INBOX_RETENTION_MS: {
    shown: "7 days",
    meaning: "how long a callback's message ID is remembered (repeats are recognised for that long)",
    value: ms(7 * 24 * 60 * 60_000, 1),
  },
  OUTBOX_: {
    shown: "see `lib/settings/delivery.ts`",
    meaning:
      "delivery settings: `OUTBOX_BATCH_SIZE` 50, `OUTBOX_LEASE_MS` 30000, `OUTBOX_REQUEST_TIMEOUT_MS` 10000, `OUTBOX_BACKOFF_BASE_MS` 1000, `OUTBOX_BACKOFF_CAP_MS` 600000, `OUTBOX_MAX_ATTEMPTS` 10, `OUTBOX_MAX_AGE_MS` 86400000, `OUTBOX_BREAKER_FAILURES` 10, `OUTBOX_BREAKER_COOLDOWN_MS` 15000, `OUTBOX_RECONCILE_AFTER_MS` 120000, `OUTBOX_RETENTION_MS` 7 days, `OUTBOX_POLL_INTERVAL_MS` 500",
  },
  OUTBOX_DISPATCHER: {
    shown: "on",
    meaning: "`off` runs an app process without a dispatcher (run `npm run worker` somewhere)",
    value: z.enum(["on", "off"]).default("on"),
  },
  FLAG_CACHE_MS: { shown: "2000", meaning: "how long each process reuses a kill-switch value before reading it again", value: ms(2_000) },
  DATABASE_POOL_SIZE: {
    shown: "10 (1 on the embedded database)",
    meaning:
      "connections per app process; PGlite runs one statement at a time in one session, and a connection holds it for a whole transaction, so more connections only wait: the embedded default is one",
    value: count(10),
  },
} satisfies Record<string, Setting>;

type Settings = typeof SETTINGS;
type Name = keyof Settings;
type Read = {
  [K in Name as Settings[K] extends { value: z.ZodType } ? K : never]: Settings[K] extends { value: infer S extends z.ZodType } ? z.output<S> : never;
};

/** The environment read against SETTINGS; throws one error naming every variable that is wrong. */
export function readSettings(env: Record<string, string | undefined> = process.env): Read {
  const read: Record<string, unknown> = {};
  const wrong: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as [Name, Setting][]) {
    if (!setting.value) continue;
    const raw = env[name];
    const parsed = setting.value.safeParse(raw === "" ? undefined : raw);
    if (parsed.success) read[name] = parsed.data;
    else wrong.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  try {
    deliveryConfig(env);
  } catch (error) {
    wrong.push((error as Error).message);
  }
  if (wrong.length > 0) throw new Error(`invalid settings:\n  ${wrong.join("\n  ")}\n(See the README's Configuration table.)`);
  return read as Read;
}

// Read once per process (and per module copy in Next's bundles); the start has already checked it.
let cached: Read | undefined;
export const settings = (): Read => (cached ??= readSettings());

/** The README's Configuration table. */
export function configurationTable(): string {
  const rows = (Object.entries(SETTINGS) as [Name, Setting][]).map(
    ([name, s]) => `| \`${name === "OUTBOX_" ? "OUTBOX_*" : name}\` | ${s.shown} | ${s.meaning} |`,
  );
  return ["| variable | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
}
