import type { Page } from "@playwright/test";
import { countRows } from "./support/db.ts";
import { expect, seedUser, signInAs, test } from "./support/fixtures.ts";
import { clickRapidly, holdPosts, trackPosts } from "./support/forms.ts";
import { E2E_METRICS_TOKEN } from "./support/env.ts";

const customersOf = (ownerId: string) => countRows("Customer", `"ownerId" = $1`, [ownerId]);

async function fillCustomer(page: Page, name = "Ada Lovelace") {
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/); // the browser has given the form its ID
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByLabel("Company").fill("Analytical Engines");
}
const saveButton = (page: Page) => page.getByRole("button", { name: "Save customer" });
const expectOnRecord = (page: Page, name = "Ada Lovelace") => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

test("a double-click sends one request and saves one customer", async ({ page, user }) => {
  await fillCustomer(page);
  const posts = trackPosts(page, "/customers");
  await saveButton(page).dblclick();
  await expectOnRecord(page);
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

// The first save is held on the wire until every click has landed, so all ten come while it is in
// flight however slow the machine is (a busy CI runner took 1.4 s for ten clicks: timing says nothing).
test("10 rapid clicks while the first save is in flight send one request", async ({ page, user }) => {
  await fillCustomer(page);
  const posts = trackPosts(page, "/customers");
  const held = await holdPosts(page, "**/customers/new*"); // so no click lands on the next page
  await clickRapidly(page, saveButton(page), 10);
  expect(posts, "the first click's save is still held").toHaveLength(1);
  held.release();
  await expectOnRecord(page);
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

test("Enter pressed again and again, and requestSubmit() and submit() from script, send one request", async ({ page, user }) => {
  await fillCustomer(page);
  const posts = trackPosts(page, "/customers");
  const held = await holdPosts(page, "**/customers/new*"); // the first save stays in flight
  const name = page.getByLabel("Name");
  for (let i = 0; i < 8; i++) await name.press("Enter");
  // The header's sign-out form comes first in the document, so find the customer form by its field.
  await name.evaluate((input: HTMLInputElement) => {
    for (let i = 0; i < 5; i++) input.form!.requestSubmit();
    for (let i = 0; i < 3; i++) input.form!.submit(); // skips the submit event unless guarded
  });
  held.release();
  await expectOnRecord(page);
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

test("a slow server: the form locks, says it is saving, and clicks meanwhile send nothing", async ({ page, user }) => {
  await fillCustomer(page);
  const posts = trackPosts(page, "/customers");
  const held = await holdPosts(page, "**/customers/new*", 2000); // a server answering after 2 s or more
  await saveButton(page).click();
  const saving = page.getByRole("button", { name: "Saving…" });
  await expect(saving).toBeDisabled();
  await expect(page.getByLabel("Name")).toHaveAttribute("readonly", "");
  await clickRapidly(page, saving, 5);
  await page.getByLabel("Name").press("Enter");
  held.release();
  await expectOnRecord(page);
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

test("reloading the result page posts nothing", async ({ page, user }) => {
  await fillCustomer(page);
  const posts = trackPosts(page, "/customers");
  await saveButton(page).click();
  await expectOnRecord(page);
  const response = await page.reload();
  expect(response?.request().method()).toBe("GET");
  await expectOnRecord(page);
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

test("Back then submit again shows Already saved; New customer starts a new ID", async ({ page, user }) => {
  await fillCustomer(page);
  const firstUrl = page.url();
  await saveButton(page).click();
  await expectOnRecord(page);
  const recordUrl = page.url().split("?")[0];

  await page.goBack();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByLabel("Name")).toHaveValue("Ada Lovelace");
  await saveButton(page).click();
  await expect(page.getByText("Already saved")).toBeVisible();
  expect(page.url().split("?")[0]).toBe(recordUrl);
  expect(await customersOf(user.id)).toBe(1);

  await page.getByRole("link", { name: "New customer" }).first().click();
  await expect(page).toHaveURL(/draft=/);
  expect(page.url()).not.toBe(firstUrl);
  await expect(page.getByLabel("Name")).toHaveValue("");
});

test("a response lost after the server saved: the form stays filled and Try again lands on the record", async ({ page, user }) => {
  await fillCustomer(page);
  let dropped = 0;
  await page.route("**/customers/new*", async (route) => {
    if (route.request().method() !== "POST" || dropped > 0) return route.continue();
    dropped++;
    await route.fetch(); // the server really saves
    await route.abort("failed"); // but the browser never hears back
  });
  const posts = trackPosts(page, "/customers");
  await saveButton(page).click();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Ada Lovelace");
  expect(await customersOf(user.id)).toBe(1);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("Already saved")).toBeVisible();
  await expectOnRecord(page);
  expect(posts).toHaveLength(2);
  expect(await customersOf(user.id)).toBe(1);
});

test("a validation error keeps what was typed; the fix saves once", async ({ page, user }) => {
  await fillCustomer(page);
  await page.getByLabel("Email").fill("not-an-email");
  const posts = trackPosts(page, "/customers");
  await saveButton(page).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Ada Lovelace");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toBeFocused(); // the first field in error
  expect(await customersOf(user.id)).toBe(0);

  await page.getByLabel("Email").fill("ada@example.com");
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeHidden(); // follows the typing
  await saveButton(page).click();
  await expectOnRecord(page);
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(1);
});

test("a field left empty or wrong says so when it is left, and stops once fixed; nothing is sent", async ({ page, user }) => {
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  const posts = trackPosts(page, "/customers");
  await page.getByLabel("Name").focus();
  await expect(page.getByText("Enter name.")).toBeHidden(); // nothing said before the field is left
  await page.getByLabel("Email").focus();
  await expect(page.getByText("Enter name.")).toBeVisible();
  await page.getByLabel("Email").fill("ada@");
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeHidden(); // still being typed
  await page.getByLabel("Phone").focus();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await page.getByLabel("Name").fill("Ada Lovelace");
  await expect(page.getByText("Enter name.")).toBeHidden();
  await page.getByLabel("Email").fill("ada@example.com");
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeHidden();
  expect(posts).toHaveLength(0);
  expect(await customersOf(user.id)).toBe(0);
});

test("another user's customer URL is a 404", async ({ page, user, browser }) => {
  await fillCustomer(page);
  await saveButton(page).click();
  await expectOnRecord(page);
  const recordUrl = page.url().split("?")[0];

  const other = await browser.newPage();
  await signInAs(other, await seedUser());
  const response = await other.goto(recordUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(other.getByText("Ada Lovelace")).toHaveCount(0);
  expect(await customersOf(user.id)).toBe(1);
  await other.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts, redirects with 303, and reloading posts nothing", async ({ page, user }) => {
    await page.goto("/customers/new");
    await page.getByLabel("Name").fill("Charles Babbage");
    const posts = trackPosts(page, "/customers");
    const redirect = page.waitForResponse((r) => r.request().method() === "POST");
    await saveButton(page).click();
    expect((await redirect).status()).toBe(303);
    await expectOnRecord(page, "Charles Babbage");
    await page.reload();
    await expectOnRecord(page, "Charles Babbage");
    expect(posts).toHaveLength(1);
    expect(await customersOf(user.id)).toBe(1);
  });

  test("the server validates too, and keeps what was typed", async ({ page, user }) => {
    await page.goto("/customers/new");
    await page.getByLabel("Name").fill("Charles Babbage");
    await page.getByLabel("Email").fill("babbage at example");
    await saveButton(page).click();
    await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Charles Babbage");
    expect(await customersOf(user.id)).toBe(0);
  });
});

test.describe("forged requests", () => {
  test.use({ javaScriptEnabled: false });

  test("a body over 64 KB is refused with a 4xx and writes nothing", async ({ page, user }) => {
    await page.goto("/customers/new");
    // Replay exactly what the form would post, with one field blown up past the limit.
    const fields: Record<string, string> = {};
    for (const input of await page.locator("form input").all()) {
      const name = await input.getAttribute("name");
      if (name) fields[name] = (await input.getAttribute("value")) ?? "";
    }
    fields.name = "Oversized";
    fields.company = "x".repeat(70 * 1024);
    const response = await page.request.post("/customers/new", { multipart: fields, maxRedirects: 0 });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).not.toContain("at ");
    expect(await customersOf(user.id)).toBe(0);
  });
});

test("a name pasted longer than 200 characters is kept and said to be too long, not cut without a word", async ({ page, user }) => {
  await page.goto("/customers/new");
  const long = "Ada Lovelace ".repeat(60).trim();
  await page.getByLabel("Name").fill(long);
  await page.getByLabel("Email").focus();
  await expect(page.getByText("Name can be at most 200 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(long);
  await saveButton(page).click();
  await expect(page.getByLabel("Name")).toBeFocused();
  expect(await customersOf(user.id)).toBe(0);
});

test("Back to a saved form says at once that it was saved, and names the record, before anything is sent", async ({ page, user }) => {
  await fillCustomer(page, "Barnaby Rudge");
  await saveButton(page).click();
  await expectOnRecord(page, "Barnaby Rudge");
  const recordPath = new URL(page.url()).pathname;
  const posts = trackPosts(page, "/customers/new");
  await page.goBack();
  const notice = page.getByRole("status").filter({ hasText: "This form was saved as" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("link", { name: "Barnaby Rudge" })).toHaveAttribute("href", recordPath);
  expect(posts).toHaveLength(0);
  await notice.getByRole("button", { name: "start a new form" }).click();
  await expect(notice).toBeHidden();
  await expect(page.getByLabel("Name")).toHaveValue("Barnaby Rudge");
  expect(await customersOf(user.id)).toBe(1);
});

test("the customer list has a search box: by name, email or company, and says when nothing matches", async ({ page, user }) => {
  const { seedCustomer } = await import("./support/seed.ts");
  await seedCustomer(user.id, { name: "Grace Hopper", email: "grace@navy.example", company: "US Navy" });
  await seedCustomer(user.id, { name: "Alan Turing", email: "alan@bletchley.example" });
  await page.goto("/customers");
  const search = page.getByRole("searchbox", { name: "Search customers" });
  for (const [term, found] of [
    ["hopper", "Grace Hopper"],
    ["bletchley", "Alan Turing"],
    ["navy", "Grace Hopper"],
  ]) {
    await search.fill(term);
    await search.press("Enter");
    await expect(page.getByText(`1 customer matches “${term}”`)).toBeVisible();
    await expect(page.getByRole("table").getByRole("link")).toHaveText([found]);
  }
  await search.fill("nobody at all");
  await search.press("Enter");
  await expect(page.getByText("No customer matches “nobody at all”.")).toBeVisible();
});

test("what was typed survives a reload of the form before it is sent, under the same ID", async ({ page, user }) => {
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  const url = page.url();
  await page.getByLabel("Name").fill("Charles Babbage");
  await page.getByLabel("Email").fill("charles@engines.example");
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByLabel("Name")).toHaveValue("Charles Babbage");
  await expect(page.getByLabel("Email")).toHaveValue("charles@engines.example");
  await saveButton(page).click();
  await expectOnRecord(page, "Charles Babbage");
  expect(await customersOf(user.id)).toBe(1);
});

test("the form hydrates as the server drew it: the country list is the server's, so nothing is redrawn", async ({ page, user }) => {
  // Chromium's Intl names some countries differently from Node's ("Falkland Islands (Islas
  // Malvinas)"); names made in the browser made React throw the server's HTML away and redraw.
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await expect(page.getByLabel("Country").locator('option[value="FK"]')).toHaveText("Falkland Islands");
  expect(errors).toEqual([]);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Country").selectOption("FK");
  await saveButton(page).click();
  await expectOnRecord(page);
  await expect(page.getByText("Falkland Islands")).toBeVisible();
  expect(await customersOf(user.id)).toBe(1);
});

test("/api/metrics counts pages and server actions: the form's page, its save (a POST to it), the record's page", async ({ page, user, request }) => {
  const scrape = async () => (await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).text();
  // Summed over statuses: a page's GET and an action's POST each count under their page's route.
  const count = (text: string, method: string, route: string) =>
    text
      .split("\n")
      .filter((l) => l.startsWith(`dedupe_http_requests_total{method="${method}",route="${route}",`))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
  const before = await scrape();
  await fillCustomer(page, "Katherine Johnson");
  await saveButton(page).click();
  await expectOnRecord(page, "Katherine Johnson");
  expect(await customersOf(user.id)).toBe(1);
  const after = await scrape();
  // Other workers' tests load the same pages meanwhile: at least this test's requests.
  expect(count(after, "GET", "/customers/new")).toBeGreaterThanOrEqual(count(before, "GET", "/customers/new") + 1);
  expect(count(after, "POST", "/customers/new")).toBeGreaterThanOrEqual(count(before, "POST", "/customers/new") + 1);
  expect(count(after, "GET", "/customers/:id")).toBeGreaterThanOrEqual(count(before, "GET", "/customers/:id") + 1);
});
