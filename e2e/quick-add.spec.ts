// "Quick add order" on a customer's page: a react-query mutation over the JSON API with an
// Idempotency-Key per attempt. Each test counts requests on the wire and rows in the database.
import type { Page } from "@playwright/test";
import { countRows, sql } from "./support/db.ts";
import { expect, test, type TestUser } from "./support/fixtures.ts";
import { clickRapidly, holdPosts, trackPosts } from "./support/forms.ts";
import { seedCustomer } from "./support/seed.ts";

const ordersOf = (user: TestUser) => countRows("Order", `"ownerId" = $1`, [user.id]);

const trackApiPosts = (page: Page) => trackPosts(page, "/api/v1/orders");

async function openCustomer(page: Page, user: TestUser) {
  const id = await seedCustomer(user.id, { name: "Katherine Johnson" });
  await page.goto(`/customers/${id}`);
  await expect(page.getByRole("heading", { name: "Katherine Johnson" })).toBeVisible();
  const box = page.getByRole("form", { name: "Quick add order" });
  return {
    id,
    box,
    fill: async (description: string, amount: string) => {
      await box.getByLabel("Description").fill(description);
      await box.getByLabel("Amount").fill(amount);
    },
  };
}

test("adds an order in place, once, however fast the button is clicked", async ({ page, user }) => {
  const { box, fill } = await openCustomer(page, user);
  const posts = trackApiPosts(page);
  const held = await holdPosts(page, "**/api/v1/orders");
  await fill("Trajectory tables", "120.00");
  await clickRapidly(page, box.getByRole("button", { name: "Add order" }), 5);
  await expect(box.getByRole("button", { name: "Adding…" })).toBeDisabled();
  await expect(box.getByLabel("Description")).toHaveAttribute("readonly", "");
  held.release();
  await expect(page.getByText("Order added")).toBeVisible();
  await expect(page.getByRole("table", { name: "Orders" }).getByRole("link", { name: "Trajectory tables" })).toBeVisible();
  await expect(box.getByLabel("Description")).toHaveValue("");
  expect(posts).toHaveLength(1);
  expect(posts[0].headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(await ordersOf(user)).toBe(1);
});

test("a lost answer is retried with the same key and shows Already saved; the next order gets a new key", async ({ page, user }) => {
  const { box, fill } = await openCustomer(page, user);
  const posts = trackApiPosts(page);
  let dropped = false;
  await page.route("**/api/v1/orders", async (route) => {
    if (route.request().method() !== "POST" || dropped) return route.continue();
    dropped = true;
    await route.fetch(); // the server saves the order…
    await route.abort("connectionreset"); // …and the answer never arrives
  });
  await fill("Orbit plots", "75.50");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Already saved")).toBeVisible();
  expect(posts).toHaveLength(2);
  expect(posts[1].headers()["idempotency-key"]).toBe(posts[0].headers()["idempotency-key"]);
  expect(posts[1].postData()).toBe(posts[0].postData());
  expect(await ordersOf(user)).toBe(1);

  await fill("Re-entry windows", "12.00");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Order added")).toBeVisible();
  expect(posts).toHaveLength(3);
  expect(posts[2].headers()["idempotency-key"]).not.toBe(posts[0].headers()["idempotency-key"]);
  expect(await ordersOf(user)).toBe(2);
});

test("a likely repeat asks first; Add anyway saves it once, Cancel keeps what was typed", async ({ page, user }) => {
  const { box, fill } = await openCustomer(page, user);
  await fill("Slide rules", "30.00");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Order added")).toBeVisible();

  await fill("Slide rules", "30.00");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Possible duplicate")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open existing" })).toHaveAttribute("href", /^\/orders\//);
  expect(await ordersOf(user)).toBe(1);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Possible duplicate")).toBeHidden();
  await expect(box.getByLabel("Description")).toHaveValue("Slide rules");
  expect(await ordersOf(user)).toBe(1);

  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Possible duplicate")).toBeVisible();
  // Two clicks on the button itself: a real double-click's second click can land on the page under
  // the dialog once a fast answer has closed it (once it opened a link and left the page).
  await page.getByRole("button", { name: "Add anyway" }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(page.getByText("Order added")).toBeVisible();
  expect(await ordersOf(user)).toBe(2);
  await expect(page.getByRole("table", { name: "Orders" }).getByRole("link", { name: "Slide rules" })).toHaveCount(2);
});

test("invalid input is refused next to the field and nothing is sent", async ({ page, user }) => {
  const { box, fill } = await openCustomer(page, user);
  const posts = trackApiPosts(page);
  await fill("Graph paper", "1.2345");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(box.getByText("Use at most two decimals.")).toBeVisible();
  await expect(box.getByLabel("Amount")).toHaveValue("1.2345");
  expect(posts).toHaveLength(0);
  expect(await ordersOf(user)).toBe(0);
});

test("Quick add reads 12,50 as twelve and a half: the API is sent 12.50 and 1250 cents are saved", async ({ page, user }) => {
  const { box, fill } = await openCustomer(page, user);
  const posts = trackApiPosts(page);
  await fill("Slide rule", "12,50");
  await expect(box.getByText("Saves as $12.50")).toBeVisible();
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Order added")).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(posts[0].postDataJSON().amount).toBe("12.50");
  const [row] = await sql<{ amountMinor: number }>(`SELECT "amountMinor" FROM "Order" WHERE "ownerId" = $1`, [user.id]);
  expect(row.amountMinor).toBe(1250);
});
