import type { Page } from "@playwright/test";
import { countRows, sql } from "./support/db.ts";
import { expect, test, type TestUser } from "./support/fixtures.ts";
import { chooseCustomer, clickRapidly, customerPicker, holdPosts, trackPosts } from "./support/forms.ts";
import { newId } from "../lib/ids.ts";
import { seedCustomer } from "./support/seed.ts";
import { apiClient, seedToken } from "./support/api.ts";

const ordersOf = (ownerId: string) => countRows("Order", `"ownerId" = $1`, [ownerId]);

const seedGrace = (user: TestUser) => seedCustomer(user.id, { name: "Grace Hopper" });

async function fillOrder(page: Page, amount = "42.50") {
  await page.goto("/orders/new");
  await expect(page).toHaveURL(/draft=/);
  await chooseCustomer(page, "Grace Hopper");
  await page.getByLabel("Description").fill("Compiler manuals");
  await page.getByLabel("Amount").fill(amount);
}
const placeButton = (page: Page) => page.getByRole("button", { name: "Place order" });

test("a double-click places one order", async ({ page, user }) => {
  await seedGrace(user);
  await fillOrder(page);
  const posts = trackPosts(page, "/orders");
  await placeButton(page).dblclick();
  await expect(page.getByRole("heading", { name: "Order: Compiler manuals" })).toBeVisible();
  await expect(page.getByText("$42.50")).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(await ordersOf(user.id)).toBe(1);
  const [row] = await sql<{ amountMinor: number; currency: string }>(`SELECT "amountMinor", currency FROM "Order" WHERE "ownerId" = $1`, [user.id]);
  expect(row).toEqual({ amountMinor: 4250, currency: "USD" });
});

test("10 rapid clicks place one order; Back and place again says Already saved", async ({ page, user }) => {
  await seedGrace(user);
  await fillOrder(page);
  const posts = trackPosts(page, "/orders");
  const held = await holdPosts(page, "**/orders/new*");
  await clickRapidly(page, placeButton(page), 10);
  held.release();
  await expect(page.getByRole("heading", { name: "Order: Compiler manuals" })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Amount")).toHaveValue("42.50");
  await placeButton(page).click();
  await expect(page.getByText("Already saved")).toBeVisible();
  expect(posts).toHaveLength(2);
  expect(await ordersOf(user.id)).toBe(1);
});

test("amounts that are zero, too large or too precise are refused next to the field", async ({ page, user }) => {
  await seedGrace(user);
  for (const [amount, message] of [
    ["0", "The amount must be more than zero."],
    ["1000000.01", "The amount can be at most 1,000,000.00."],
    ["1.9999", "Use at most two decimals."],
    ["1,250", "“1,250” could be 1250 or 1.25: write 1250, or 1.25 for the smaller amount."],
    ["-3", "Enter the amount as a number, like 19.99 or 19,99."],
  ]) {
    await fillOrder(page, amount);
    await placeButton(page).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByLabel("Description")).toHaveValue("Compiler manuals");
  }
  expect(await ordersOf(user.id)).toBe(0);
});

test("a decimal comma is read as one: 12,50 shows as $12.50 while typing and saves 1250 cents, not 125000", async ({ page, user }) => {
  await seedGrace(user);
  await fillOrder(page, "12,50");
  await expect(page.getByText("Saves as $12.50")).toBeVisible();
  await page.getByLabel("Currency").selectOption("EUR");
  await expect(page.getByText("Saves as €12.50")).toBeVisible();
  await placeButton(page).click();
  await expect(page.getByRole("heading", { name: "Order: Compiler manuals" })).toBeVisible();
  const [row] = await sql<{ amountMinor: number }>(`SELECT "amountMinor" FROM "Order" WHERE "ownerId" = $1`, [user.id]);
  expect(row.amountMinor).toBe(1250);
});

test("the API takes a point only: 12,50 is a 400 that says why, and nothing is saved", async ({ page, user }) => {
  const customerId = await seedGrace(user);
  const api = apiClient(page.request, await seedToken(user.id));
  const res = await api.post("/orders", { customerId, description: "Comma", amount: "12,50", currency: "EUR" });
  expect(res.status()).toBe(400);
  expect((await res.json()).errors).toEqual([
    { field: "amount", message: 'amount uses a point as the decimal separator, like "12.50": commas are not accepted (no thousands separators either).' },
  ]);
  expect(await ordersOf(user.id)).toBe(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an order placed by a plain form POST redirects with 303", async ({ page, user }) => {
    await seedGrace(user);
    await page.goto("/orders/new");
    await page.getByLabel("Customer").selectOption({ label: "Grace Hopper" });
    await page.getByLabel("Description").fill("Punch cards");
    await page.getByLabel("Amount").fill("7");
    const redirect = page.waitForResponse((r) => r.request().method() === "POST");
    await placeButton(page).click();
    expect((await redirect).status()).toBe(303);
    await expect(page.getByRole("heading", { name: "Order: Punch cards" })).toBeVisible();
    expect(await ordersOf(user.id)).toBe(1);
  });

  test("a forged POST naming another user's customer is refused and writes nothing", async ({ page, user }) => {
    await seedGrace(user);
    const stranger = newId();
    await sql(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, 'x')`, [stranger, `stranger-${stranger}@example.com`]);
    const theirs = await seedCustomer(stranger, { name: "Their Customer" });
    await page.goto("/orders/new");
    // Point the picker's first option at the stranger's customer, as a forged request would.
    const option = page.getByLabel("Customer").locator("option").nth(1);
    await option.evaluate((el, id) => el.setAttribute("value", id), theirs);
    await page.getByLabel("Customer").selectOption({ index: 1 });
    await page.getByLabel("Description").fill("Sneaky");
    await page.getByLabel("Amount").fill("1");
    await placeButton(page).click();
    await expect(page.getByText("Choose one of your customers.")).toBeVisible();
    expect(await ordersOf(user.id)).toBe(0);
    expect(await ordersOf(stranger)).toBe(0);
  });
});

test.describe("the customer picker", () => {
  test("finds a customer past the first 500 by typing, and the order is placed for them", async ({ page, user }) => {
    // 500 customers sorted before her: the plain select a page without JavaScript gets stops there.
    await sql(
      `INSERT INTO "Customer" (id, "ownerId", name, "nameNormalized") SELECT gen_random_uuid(), $1, 'Aaron ' || lpad(i::text, 3, '0'), 'aaron ' || lpad(i::text, 3, '0') FROM generate_series(1, 500) AS i`,
      [user.id],
    );
    const zelda = await seedCustomer(user.id, { name: "Zelda Zimmermann", company: "Zuse KG" });
    await page.goto("/orders/new");
    await expect(page).toHaveURL(/draft=/);
    const box = customerPicker(page);
    await box.fill("zimmer");
    const list = page.getByRole("listbox", { name: "Customers" });
    await expect(list.getByRole("option")).toHaveCount(1);
    await expect(list.getByRole("option")).toContainText("Zuse KG");
    await list.getByRole("option", { name: /Zelda Zimmermann/ }).click();
    await expect(box).toHaveValue("Zelda Zimmermann (Zuse KG)");
    await page.getByLabel("Description").fill("Relay cabinets");
    await page.getByLabel("Amount").fill("9.00");
    await placeButton(page).click();
    await expect(page.getByRole("heading", { name: "Order: Relay cabinets" })).toBeVisible();
    expect(await countRows("Order", `"customerId" = $1`, [zelda])).toBe(1);
  });

  test("works from the keyboard: arrows move, Enter picks without submitting, Escape closes; an empty box asks for a customer", async ({ page, user }) => {
    await seedGrace(user);
    await seedCustomer(user.id, { name: "Grace Brewster" });
    await page.goto("/orders/new");
    await expect(page).toHaveURL(/draft=/);
    const posts = trackPosts(page, "/orders");
    const box = customerPicker(page);
    await box.fill("grace");
    await expect(page.getByRole("listbox", { name: "Customers" }).getByRole("option")).toHaveCount(2);
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await box.press("ArrowDown");
    const active = await box.getAttribute("aria-activedescendant");
    await expect(page.locator(`[id="${active}"]`)).toHaveAttribute("aria-selected", "true");
    const activeName = (await page.locator(`[id="${active}"]`).textContent()) ?? "";
    await box.press("Enter");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue(activeName.trim());
    expect(posts, "Enter in the picker picks; it does not submit").toHaveLength(0);

    await box.fill("gr");
    await box.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue(activeName.trim()); // Escape keeps the choice

    await box.fill("");
    await page.getByLabel("Description").focus();
    await expect(page.getByText("Choose a customer.", { exact: true })).toBeVisible();
    await page.getByLabel("Description").fill("Nanosecond wires");
    await page.getByLabel("Amount").fill("1.00");
    await placeButton(page).click();
    await expect(box).toBeFocused(); // the field in error gets focus
    expect(posts).toHaveLength(0);
    expect(await ordersOf(user.id)).toBe(0);
  });
});
