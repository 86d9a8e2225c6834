import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Debian's Chromium when present (Playwright cannot download browsers on every machine), else a
 * path from PLAYWRIGHT_CHROMIUM_PATH, else Playwright's own download.
 */
export function chromiumExecutable(): string {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (found) return found;
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return bundled;
  throw new Error("No Chromium found: install one with `sudo apt-get install chromium` or `npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM_PATH.");
}
