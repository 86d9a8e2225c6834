// #19: axe-core over every page, signed in (and the sign-in pages signed out), and over the states
// that show a dialog or an error: no violation of impact "serious" or "critical".
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { appPages, SIGNED_OUT_PAGES } from "../lib/tooling/bench/page-weight.ts";
import { expect, test } from "./support/fixtures.ts";
import { seedCustomer } from "./support/seed.ts";

async function expectNoSeriousViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join("; ")})`,
  );
  expect(described, `${state}: axe found serious or critical violations`).toEqual([]);
}

test("every page, signed in and signed out", async ({ page, browser, baseURL, user }) => {
  void user;
  test.setTimeout(120_000);
  for (const p of await appPages(page.request)) {
    await page.goto(p.path);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page, p.name);
  }
  const context = await browser.newContext({ baseURL });
  const signedOut = await context.newPage();
  for (const p of SIGNED_OUT_PAGES) {
    await signedOut.goto(p.path);
    await expectNoSeriousViolations(signedOut, p.name);
  }
  await context.close();
});

test("states: validation errors, the possible-duplicate dialog, a failed sign-in, a page that is not there", async ({ page, browser, baseURL, user }) => {
  test.setTimeout(60_000); // five pages and states, each scanned whole by axe: 25 to 33 s on a busy 2-core machine
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByText("Enter name.").first()).toBeVisible();
  await expectNoSeriousViolations(page, "customer form with errors");

  await seedCustomer(user.id, { name: "Ada Lovelace", email: "countess@example.org" });
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.getByLabel("Name").fill("ada lovelace");
  await page.getByLabel("Email").fill("countess@example.org");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("dialog", { name: "Possible duplicate" })).toBeVisible();
  await expectNoSeriousViolations(page, "possible-duplicate dialog");

  await page.goto("/orders/new");
  await page.getByRole("button", { name: "Place order" }).click();
  await expectNoSeriousViolations(page, "order form with errors");

  await page.goto(`/customers/01a20000-0000-7000-8000-000000000000`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expectNoSeriousViolations(page, "not found");

  const context = await browser.newContext({ baseURL });
  const signedOut = await context.newPage();
  await signedOut.goto("/signin");
  await signedOut.getByLabel("Email").fill("nobody@example.com");
  await signedOut.getByLabel("Password").fill("not the password");
  await signedOut.getByRole("button", { name: "Sign in" }).click();
  // Next's route announcer is an empty role="alert" too, once the router has mounted it: the error is the one with text.
  await expect(signedOut.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  await expectNoSeriousViolations(signedOut, "failed sign-in");
  await context.close();
});

test("the account menu closes on Escape (focus back on it) and on a click elsewhere; the app has an icon", async ({ page, user }) => {
  await page.goto("/customers");
  const summary = page.locator("summary", { hasText: user.email });
  await summary.click();
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByText("Signed in as")).toBeHidden();
  await expect(summary).toBeFocused();
  await summary.click();
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.getByRole("heading", { name: "Customers" }).click();
  await expect(page.getByText("Signed in as")).toBeHidden();

  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const anonymous = await page.request.fetch(icon!, { headers: { cookie: "" }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(200);
  expect(anonymous.headers()["content-type"]).toContain("image/svg+xml");
});
