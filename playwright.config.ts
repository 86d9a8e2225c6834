import { defineConfig, devices } from "@playwright/test";
import { E2E_APP_URL, E2E_DATABASE_PORT, E2E_METRICS_TOKEN, E2E_PORT, E2E_PROVIDER_PORT } from "./e2e/support/env.ts";
import { chromiumExecutable } from "./e2e/support/browser.ts";

export default defineConfig({
  testDir: "./e2e",
  forbidOnly: !!process.env.CI,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromiumExecutable() },
  },
  projects: [
    { name: "chromium", testMatch: "**/*.spec.ts", testIgnore: ["**/api-routes-fuzz.spec.ts", "kit-consumer/**"], use: { ...devices["Desktop Chrome"] } },
    // Thousands of requests a minute: run alone, after the rest, so that they slow no other test.
    { name: "fuzz", testMatch: "**/api-routes-fuzz.spec.ts", dependencies: ["chromium"], use: { ...devices["Desktop Chrome"] } },
    // `npm run screenshots`: pictures for the README, not part of `npm test`.
    { name: "screenshots", testMatch: "capture-screenshots.ts", use: { ...devices["Desktop Chrome"], viewport: { width: 1100, height: 760 } } },
  ],
  // A production build on a fresh, throw-away embedded database (kept in memory, gone on exit);
  // with E2E_APP_RUNNING=1, the app already running at E2E_PORT instead (e2e/README.md).
  webServer: process.env.E2E_APP_RUNNING
    ? undefined
    : {
        command: "npm run build && npm start",
        url: `${E2E_APP_URL}/signin`,
        reuseExistingServer: false,
        timeout: 300_000,
        stdout: "pipe",
        env: {
          DATABASE_URL: "",
          EMBEDDED_DB: "memory",
          EMBEDDED_DB_PORT: String(E2E_DATABASE_PORT),
          DATA_DIR: ".data/e2e",
          PORT: String(E2E_PORT),
          NEXT_TELEMETRY_DISABLED: "1",
          // Low enough that e2e/api.spec.ts reaches it in a few hundred requests.
          API_RATE_LIMIT_PER_MINUTE: "300",
          // Tests sign up from one address; e2e/security.spec.ts checks the sign-in limit at its default.
          SIGNUP_LIMIT_PER_IP_PER_HOUR: "1000",
          // The one account that may set the shared sandbox's faults (e2e/support/fixtures.ts).
          ADMIN_EMAILS: "operator@e2e.example.com",
          // /api/metrics exists only with a token (e2e/api.spec.ts scrapes it).
          METRICS_TOKEN: E2E_METRICS_TOKEN,
          // Every test sends from 127.0.0.1, the provider's callbacks too: the fuzz's forgeries must not
          // throttle them (lib/inbox/inbox.test.ts proves the throttle).
          WEBHOOK_REFUSALS_PER_MINUTE: "1000000",
          // The sandbox provider beside the app, and delivery timings in fractions of a second.
          PROVIDER_URL: "",
          PROVIDER_PORT: String(E2E_PROVIDER_PORT),
          PROVIDER_WORK_DELAY_MS: "100",
          PROVIDER_CALLBACK_RETRY_MS: "200",
          OUTBOX_POLL_INTERVAL_MS: "100",
          OUTBOX_REQUEST_TIMEOUT_MS: "2000",
          OUTBOX_BACKOFF_BASE_MS: "200",
          OUTBOX_BACKOFF_CAP_MS: "1000",
          OUTBOX_BREAKER_COOLDOWN_MS: "1000",
          OUTBOX_RECONCILE_AFTER_MS: "500",
        },
      },
});
