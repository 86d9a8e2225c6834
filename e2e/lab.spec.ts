// The Lab, both ways: with every protection on, every check in the kit passes; with one switched
// off, the check for what it protects fails, naming it. That second half is the kit's own proof.
import { ALL_CHECKS, audit, expectNoDuplicateUnderSlowNetwork } from "@dedupe-desk/form-kit";
import { chromiumExecutable } from "./support/browser.ts";
import { countRows } from "./support/db.ts";
import { E2E_APP_URL } from "./support/env.ts";
import { expect, seedUser, signInAs, test } from "./support/fixtures.ts";
import { labTicketForm, setLabSwitch } from "./support/lab.ts";
import { customerForm } from "./support/targets.ts";

test.describe("with every protection on", () => {
  for (const [name, check] of Object.entries(ALL_CHECKS)) {
    test(`${name} passes`, async ({ page, user }) => {
      await check(labTicketForm(page, user));
    });
  }
});

// Without the protection a double-click sends 2 or 3 plain form POSTs: its second half is a
// dblclick (two clicks), which the browser sometimes folds into one submission and sometimes not.
const BROKEN: Array<{ off: string; check: keyof typeof ALL_CHECKS; error: RegExp }> = [
  { off: "Disable on submit", check: "expectSingleSubmitOnDoubleClick", error: /^Disable on submit is missing: a double-click sent [23] submit request/ },
  { off: "Disable on submit", check: "expectSingleSubmitOnRapidClicks", error: /^Disable on submit is missing: 10 rapid clicks sent \d+ submit request/ },
  { off: "Disable on submit", check: "expectSingleSubmitOnEnterSpam", error: /^Disable on submit is missing: Enter pressed 8 times sent \d+ submit request/ },
  { off: "Disable on submit", check: "expectNoDuplicateUnderSlowNetwork", error: /^Disable on submit is missing/ },
  { off: "Browser-generated ID", check: "expectNoDuplicateOnBackAndResubmit", error: /^Browser-generated ID .* is missing: Back then submit again/ },
  {
    off: "Browser-generated ID",
    check: "expectRetrySafeAfterDroppedResponse",
    error: /^Browser-generated ID .* is missing: trying again after a lost response/,
  },
  { off: "Post-redirect-get", check: "expectNoResubmitOnReload", error: /^Post-redirect-get is missing .*: reloading the result page sent 1 submit request/ },
  {
    off: "Near-match check",
    check: "expectPromptBeforeLikelyDuplicate",
    error: /^Near-match check is missing: the same entries were saved again without asking/,
  },
];

test.describe("with one protection off, the kit names it", () => {
  for (const { off, check, error } of BROKEN) {
    test(`${off} off: ${check} fails`, async ({ page, user }) => {
      await setLabSwitch(page, off, false);
      await expect(ALL_CHECKS[check](labTicketForm(page, user))).rejects.toThrow(error);
    });
  }
});

test("with Browser-generated ID off, the near-match check still stops the copy until the user says so", async ({ page, user }) => {
  await setLabSwitch(page, "Browser-generated ID", false);
  const form = labTicketForm(page, user);
  await form.open();
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.goBack();
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByRole("dialog", { name: "Possible duplicate" })).toBeVisible();
  expect(await form.countRecords()).toBe(1);
});

test("the switches belong to one user: another user in the same browser starts from the defaults", async ({ page, user }) => {
  await setLabSwitch(page, "Near-match check", false);
  await signInAs(page, await seedUser());
  await page.goto("/lab");
  for (const name of ["Disable on submit", "Browser-generated ID", "Post-redirect-get", "Near-match check"]) {
    await expect(page.getByRole("switch", { name })).toBeChecked();
  }
  await signInAs(page, user);
  await page.goto("/lab");
  await expect(page.getByRole("switch", { name: "Near-match check" })).not.toBeChecked();
});

test("Drop the response: the server saves, the browser gets an error, Back and submit again finds it saved", async ({ page, user }) => {
  await setLabSwitch(page, "Drop the response", true);
  const form = labTicketForm(page, user);
  await form.open();
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Submit ticket" }).click();
  expect((await answer).status()).toBe(502);
  await expect(page.getByRole("heading", { name: "Bad gateway" })).toBeVisible();
  expect(await form.countRecords()).toBe(1);
  await page.goBack();
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByRole("status").getByText("Already saved")).toBeVisible();
  expect(await form.countRecords()).toBe(1);
});

test("Back to a ticket form that was saved says Already saved before anything is sent; the ticket is its owner's alone", async ({ page, user }) => {
  const form = labTicketForm(page, user, "Toner light blinks");
  await form.open();
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  const posts: string[] = [];
  page.on("request", (r) => {
    if (form.isSubmit!(r)) posts.push(r.url());
  });
  await page.goBack();
  const notice = page.getByRole("status").filter({ hasText: "This form was saved as" });
  await expect(notice.getByRole("link", { name: "Toner light blinks" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Toner light blinks");
  expect(posts).toEqual([]);
  expect(await form.countRecords()).toBe(1);

  const ticketId = new URL((await notice.getByRole("link").getAttribute("href")) ?? "", "http://x").pathname.split("/").pop();
  expect((await page.request.get(`/api/lab/tickets/${ticketId}`)).status()).toBe(200);
  await signInAs(page, await seedUser());
  const other = await page.request.get(`/api/lab/tickets/${ticketId}`);
  expect(other.status()).toBe(404);
  expect(await other.text()).not.toContain("Toner");
});

test("Simulate slow network: the server takes 2 s, and clicks meanwhile still save one ticket", async ({ page, user }) => {
  await setLabSwitch(page, "Simulate slow network", true);
  const form = labTicketForm(page, user);
  const timings: number[] = [];
  page.on("requestfinished", (r) => {
    if (form.isSubmit!(r)) timings.push(r.timing().responseStart);
  });
  await expectNoDuplicateUnderSlowNetwork(form, { addDelay: false }); // the delay is the server's
  expect(timings).toHaveLength(1);
  expect(timings[0]).toBeGreaterThanOrEqual(2000);
});

test("the live panel counts this user's tickets of the last minute", async ({ page, user }) => {
  const form = labTicketForm(page, user, "Coffee machine leaks");
  await form.open();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByTestId("tickets-last-minute")).toHaveText("1");
  await expect(page.getByRole("region", { name: "Last minute" }).getByRole("link", { name: "Coffee machine leaks" })).toBeVisible();
  expect(await countRows("Ticket", `"ownerId" = $1`, [user.id])).toBe(1);
});

test("keyboard only: Tab reaches the form and every switch in order, Space flips one, focus is visible", async ({ page, user }) => {
  await labTicketForm(page, user).open();
  await page.getByLabel("Title").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Details")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Submit ticket" })).toBeFocused();
  for (const name of ["Disable on submit", "Browser-generated ID", "Post-redirect-get", "Near-match check", "Simulate slow network", "Drop the response"]) {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("switch", { name })).toBeFocused();
  }
  const nearMatch = page.getByRole("switch", { name: "Near-match check" });
  await nearMatch.focus();
  const track = nearMatch.locator("xpath=following-sibling::span[1]");
  expect(await track.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/lab");
  await page.keyboard.press("Space");
  await saved;
  await expect(nearMatch).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Near-match check" })).not.toBeChecked();
});

test("the Lab's switches never reach the Customer form", async ({ page, user }) => {
  for (const name of ["Disable on submit", "Browser-generated ID", "Near-match check"]) await setLabSwitch(page, name, false);
  const customers = customerForm(page, user);
  await ALL_CHECKS.expectSingleSubmitOnDoubleClick(customers);
  // The customer near-match check still asks about the same entries.
  await customers.open();
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("dialog", { name: "Possible duplicate" })).toBeVisible();
  expect(await customers.countRecords()).toBe(1);
});

test("form-kit audit, from the outside, finds the one switch that is off and nothing else", async ({ page, user }) => {
  test.setTimeout(120_000);
  await setLabSwitch(page, "Post-redirect-get", false);
  const results = await audit({
    url: `${E2E_APP_URL}/lab`,
    form: 'form[action="/lab/tickets"]',
    countUrl: "/api/lab/tickets",
    storageState: await page.context().storageState(),
    executablePath: chromiumExecutable(),
    only: ["double-click", "reload", "back-and-resubmit"],
  });
  expect(results.map((r) => [r.check, r.result])).toEqual([
    ["double-click", "pass"],
    ["reload", "fail"],
    ["back-and-resubmit", "pass"],
  ]);
  expect(results[1].seen).toMatch(/^Post-redirect-get is missing .*: reloading the result page sent 1 submit request/);
  // The count it read is the user's own tickets: three, one per check.
  expect(await (await page.request.get("/api/lab/tickets")).json()).toEqual({ count: 3 });
  expect(await countRows("Ticket", `"ownerId" = $1`, [user.id])).toBe(3);
  await signInAs(page, await seedUser());
  expect(await (await page.request.get("/api/lab/tickets")).json()).toEqual({ count: 0 });
});
