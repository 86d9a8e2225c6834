import { defineConfig } from "@playwright/test";

// Whatever browser the team has: KIT_BROWSER=firefox or webkit runs the same tests there.
const browserName = (process.env.KIT_BROWSER ?? "chromium") as "chromium" | "firefox" | "webkit";

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: "list",
  timeout: 90_000,
  use: {
    browserName,
    trace: "retain-on-failure",
    launchOptions: { executablePath: browserName === "chromium" ? process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined : undefined },
  },
});
