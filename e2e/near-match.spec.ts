import type { Page } from "@playwright/test";
import { countRows } from "./support/db.ts";
import { expect, test } from "./support/fixtures.ts";
import { trackPosts } from "./support/forms.ts";
import { seedCustomer } from "./support/seed.ts";

const customersOf = (ownerId: string) => countRows("Customer", `"ownerId" = $1`, [ownerId]);
const dialog = (page: Page) => page.getByRole("dialog", { name: "Possible duplicate" });

async function submitLookalike(page: Page) {
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.getByLabel("Name").fill("ada lovelace");
  await page.getByLabel("Email").fill("countess@example.org");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(dialog(page)).toBeVisible();
}

test("typing shows possible matches from the server, opening in a new tab", async ({ page, user }) => {
  await seedCustomer(user.id, { name: "Ada Lovelace", email: "ada@engines.example" });
  await page.goto("/customers/new");
  const matches = page.getByRole("complementary", { name: "Possible matches" });
  await page.getByLabel("Name").pressSequentially("Ada Lovelace", { delay: 20 });
  await expect(matches.getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("target", "_blank");
  await expect(matches).toContainText("same name");
  await expect(page.getByLabel("Name")).toHaveValue("Ada Lovelace");
});

test("submitting a lookalike asks first; Cancel keeps the input and saves nothing", async ({ page, user }) => {
  await seedCustomer(user.id, { name: "Ada Lovelace", email: "ada@engines.example", company: "Analytical Engines" });
  await submitLookalike(page);
  await expect(dialog(page)).toContainText("Ada Lovelace");
  await expect(dialog(page)).toContainText("same name");
  await expect(dialog(page)).toContainText("Analytical Engines");
  await expect(dialog(page)).toContainText("Created ");
  await expect(dialog(page)).not.toContainText(user.email, { ignoreCase: true });
  expect(await customersOf(user.id)).toBe(1);

  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByRole("button", { name: "Save customer" })).toBeFocused(); // back where the user was
  await expect(page.getByLabel("Name")).toHaveValue("ada lovelace");
  await expect(page.getByLabel("Email")).toHaveValue("countess@example.org");
  expect(await customersOf(user.id)).toBe(1);
});

test("Save anyway saves once, even double-clicked, and the record says so", async ({ page, user }) => {
  const existing = await seedCustomer(user.id, { name: "Ada Lovelace" });
  await submitLookalike(page);
  const posts = trackPosts(page, "/customers");
  await dialog(page).getByRole("button", { name: "Save anyway" }).dblclick();
  await expect(page.getByText("Saved despite possible duplicate of")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", `/customers/${existing}`);
  await expect(page.getByText(`Decided by ${user.email}`)).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(await customersOf(user.id)).toBe(2);
  expect(await countRows("CustomerDuplicateDecision", `"matchId" = $1 AND "decidedById" = $2`, [existing, user.id])).toBe(1);
});

test("an address typed into the form is saved, and a new surname at the same house asks first", async ({ page, user }) => {
  const existing = await seedCustomer(user.id, { name: "Ada Lovelace", street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "GB" });
  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.getByLabel("Name").fill("Ada King");
  await page.getByLabel("Street and number").fill("12 St. James Sq");
  await page.getByLabel("Postcode").fill("SW1Y 4JH");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Country").selectOption({ label: "United Kingdom" });
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(dialog(page)).toContainText("same address");
  await expect(dialog(page)).toContainText("12 St James's Square, SW1Y 4JH London, United Kingdom");
  expect(await customersOf(user.id)).toBe(1);

  await dialog(page).getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByText("Saved despite possible duplicate of")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", `/customers/${existing}`);
  await expect(page.getByText("12 St. James Sq, SW1Y 4JH London, United Kingdom")).toBeVisible();
  expect(await countRows("Customer", `"ownerId" = $1 AND street = $2 AND country = 'GB'`, [user.id, "12 St. James Sq"])).toBe(1);
});

test("Open existing goes to the match", async ({ page, user }) => {
  const existing = await seedCustomer(user.id, { name: "Ada Lovelace" });
  await submitLookalike(page);
  await dialog(page).getByRole("link", { name: "Open existing: Ada Lovelace" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${existing}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  expect(await customersOf(user.id)).toBe(1);
});

test("the review page groups customers that match each other", async ({ page, user }) => {
  await seedCustomer(user.id, { name: "Grace Hopper", email: "grace@navy.example" });
  await seedCustomer(user.id, { name: "Grace  Hopper.", email: "ghopper@navy.example" });
  await seedCustomer(user.id, { name: "Hedy Lamarr" });
  await page.goto("/customers/duplicates");
  const group = page.getByRole("region", { name: /Grace Hopper/ });
  await expect(group).toHaveCount(1);
  await expect(group.getByRole("link", { name: /Grace/ })).toHaveCount(2);
  await expect(group.getByRole("link", { name: "Compare and merge" })).toBeVisible();
  await expect(page.getByText("Hedy Lamarr")).toHaveCount(0);
});
