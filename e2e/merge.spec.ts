// Merging customers in the browser: compare, choose, merge once however it is clicked, follow old
// links, undo. Each step counts rows in the database.
import { newId } from "../lib/ids.ts";
import { countRows, sql } from "./support/db.ts";
import { expect, test } from "./support/fixtures.ts";
import { chooseCustomer, clickRapidly, holdPosts, trackPosts } from "./support/forms.ts";
import { seedCustomer } from "./support/seed.ts";

async function seedOrder(ownerId: string, customerId: string, description: string) {
  const id = newId();
  await sql(`INSERT INTO "Order" (id, "ownerId", "customerId", description, "amountMinor", currency) VALUES ($1, $2, $3, $4, 1250, 'EUR')`, [
    id,
    ownerId,
    customerId,
    description,
  ]);
  return id;
}
const customerOf = async (orderId: string) => (await sql<{ customerId: string }>(`SELECT "customerId" FROM "Order" WHERE id = $1`, [orderId]))[0].customerId;
const mergesOf = (ownerId: string) => countRows("CustomerMerge", `"ownerId" = $1`, [ownerId]);

test("compare two customers, keep one, take a field from the other, merge once however fast it is clicked; the old page leads to the survivor; undo restores", async ({
  page,
  user,
}) => {
  const ada = await seedCustomer(user.id, { name: "Ada Lovelace", email: "ada@engines.example" });
  const countess = await seedCustomer(user.id, { name: "Ada Lovelace", phone: "+44 20 7946 0958", company: "Analytical Engines" });
  const tea = await seedOrder(user.id, countess, "Tea for the engine room");

  await page.goto("/customers/duplicates");
  await page
    .getByRole("region", { name: /Ada Lovelace/ })
    .getByRole("link", { name: "Compare and merge" })
    .click();
  await expect(page.getByRole("heading", { name: "Merge customers" })).toBeVisible();
  const form = page.getByRole("form", { name: "Merge customers" });
  // The oldest is kept by default, and its empty fields are filled from the other record.
  await expect(form.getByRole("radio", { name: "Keep Ada Lovelace" }).first()).toBeChecked();
  await expect(form.getByRole("radio", { name: "Phone: +44 20 7946 0958, from Ada Lovelace" })).toBeChecked();
  await expect(form.getByRole("status")).toContainText("1 order and 0 duplicate decisions will move");

  const posts = trackPosts(page, "/customers/merge");
  const held = await holdPosts(page, "**/customers/merge**");
  await clickRapidly(page, form.getByRole("button", { name: "Merge" }), 5);
  await expect(form.getByRole("button", { name: "Merging…" })).toBeDisabled();
  held.release();
  await expect(page).toHaveURL(new RegExp(`/customers/${ada}\\?notice=merged$`));
  await expect(page.getByRole("status").filter({ hasText: "Merged" }).first()).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(await mergesOf(user.id)).toBe(1);
  expect(await customerOf(tea)).toBe(ada);
  await expect(page.getByText("+44 20 7946 0958")).toBeVisible();

  // Back renders the page afresh: the merged record is gone from it, so there is nothing to merge twice.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Merge “Ada Lovelace” with…" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Merge customers" })).toHaveCount(0);
  expect(await mergesOf(user.id)).toBe(1);

  await page.goto(`/orders/${tea}`);
  await expect(page.getByText(/Placed for “Ada Lovelace”; moved here by a merge on/)).toBeVisible();

  await page.goto(`/customers/${countess}`);
  await expect(page).toHaveURL(new RegExp(`/customers/${ada}\\?merged=${countess}$`));
  await expect(page.getByText(/was merged into this customer on/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toHaveCount(1);

  await page.goto(`/customers/${ada}`);
  const history = page.getByRole("region", { name: "Merged into this customer" });
  await clickRapidly(page, history.getByRole("button", { name: "Undo merge" }), 3);
  await expect(page.getByRole("status").filter({ hasText: "Merge undone" })).toBeVisible();
  expect(await customerOf(tea)).toBe(countess);
  expect(await countRows("Customer", `"ownerId" = $1 AND "mergedIntoId" IS NULL`, [user.id])).toBe(2);
  expect(await countRows("CustomerMerge", `"ownerId" = $1 AND "undoneAt" IS NOT NULL`, [user.id])).toBe(1);
  await page.goto(`/customers/${countess}`);
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/customers/${countess}$`));
});

test("from a customer's page: Merge with… lists its likely matches to compare", async ({ page, user }) => {
  const grace = await seedCustomer(user.id, { name: "Grace Hopper", email: "grace@navy.example" });
  const other = await seedCustomer(user.id, { name: "Grace Hopper", email: "g.hopper@navy.example" });
  await page.goto(`/customers/${grace}`);
  await page.getByRole("link", { name: "Merge with…" }).click();
  await expect(page.getByRole("heading", { name: "Merge “Grace Hopper” with…" })).toBeVisible();
  await page.getByRole("list", { name: "Customers to compare with" }).getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`ids=${grace},${other}`));
  await expect(page.getByRole("form", { name: "Merge customers" })).toBeVisible();
});

test("Merge all exact duplicates: after the count, batches run to the end; each group merges once into its oldest record", async ({ page, user }) => {
  // 45 emails with two customers each: three batches of up to 20 groups.
  for (let i = 0; i < 45; i++) {
    await seedCustomer(user.id, { name: `Exact ${i}`, email: `exact${i}@example.com` });
    await seedCustomer(user.id, { name: `Exact ${i} again`, email: `Exact${i}@Example.com` });
  }
  await page.goto("/customers/duplicates");
  const section = page.getByRole("region", { name: "Exact duplicates" });
  await expect(section).toContainText("45 customers share an email with an older record (45 groups)");
  // Named before anything is merged: the record kept and the one merged into it, then how many more.
  const toMerge = section.getByRole("list", { name: "Groups to merge" }).getByRole("listitem");
  await expect(toMerge).toHaveCount(11);
  await expect(toMerge.first()).toHaveText("Keep Exact 0, merge “Exact 0 again” (exact0@example.com)");
  await expect(toMerge.last()).toHaveText("and 35 more groups");
  const posts = trackPosts(page, "/customers/duplicates");
  await section.getByText("Merge all exact duplicates…").click(); // asks first: nothing is sent yet
  expect(posts).toHaveLength(0);
  await section.getByRole("button", { name: "Merge 45 groups" }).dblclick();
  await expect(section.getByText("All exact duplicates merged")).toBeVisible({ timeout: 30_000 });
  await expect(section).toContainText("45 groups were merged");
  expect(posts).toHaveLength(3);
  expect(await mergesOf(user.id)).toBe(45);
  expect(await countRows("Customer", `"ownerId" = $1 AND "mergedIntoId" IS NULL`, [user.id])).toBe(45);
  expect(await countRows("Customer", `"ownerId" = $1 AND "mergedIntoId" IS NOT NULL AND name LIKE '% again'`, [user.id])).toBe(45);

  // Afterwards each merge is listed with its kept record and an undo.
  const merged = section.getByRole("list", { name: "Merged" }).getByRole("listitem");
  await expect(merged).toHaveCount(45);
  const first = merged.filter({ hasText: "“Exact 7 again” into Exact 7" });
  await first.getByRole("button", { name: "Undo" }).click();
  await expect(page).toHaveURL(/notice=unmerged/);
  expect(await countRows("Customer", `"ownerId" = $1 AND "mergedIntoId" IS NOT NULL`, [user.id])).toBe(44);
  expect(await countRows("Customer", `"ownerId" = $1 AND name = 'Exact 7 again' AND "mergedIntoId" IS NULL`, [user.id])).toBe(1);
});

test("home shows what needs a person: possible duplicates to review, then the merge that resolved them", async ({ page, user }) => {
  await seedCustomer(user.id, { name: "Hedy Lamarr", email: "hedy@example.com" });
  await seedCustomer(user.id, { name: "Hedy Lamarr", email: "h.lamarr@example.com" });
  await page.goto("/");
  await expect(page.getByTestId("home-duplicates")).toContainText("1 group of possible duplicates");
  await expect(page.getByTestId("home-deliveries")).toContainText("All deliveries are through.");
  await expect(page.getByRole("region", { name: "Recent merges" })).toContainText("None yet");
  await page.getByTestId("home-duplicates").click();
  await page.getByRole("link", { name: "Compare and merge" }).click();
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page).toHaveURL(/notice=merged/);
  await page.goto("/");
  await expect(page.getByTestId("home-duplicates")).toContainText("No possible duplicates");
  await expect(page.getByRole("region", { name: "Recent merges" }).getByRole("listitem")).toContainText("“Hedy Lamarr” into Hedy Lamarr");
});

test("an order form left open across a merge places its order on the survivor, and says so", async ({ page, user }) => {
  const survivor = await seedCustomer(user.id, { name: "Mary Jackson", email: "mary@example.com" });
  const merged = await seedCustomer(user.id, { name: "Mary W. Jackson", phone: "+1 757 555 0199" });
  await page.goto("/orders/new");
  await chooseCustomer(page, "Mary W. Jackson");
  await page.getByLabel("Description").fill("Wind tunnel time");
  await page.getByLabel("Amount").fill("99.00");

  const other = await page.context().newPage();
  await other.goto(`/customers/merge?ids=${survivor},${merged}`);
  await other.getByRole("button", { name: "Merge" }).click();
  await expect(other).toHaveURL(/notice=merged/);
  await other.close();

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Order: Wind tunnel time" })).toBeVisible();
  await expect(page.getByText("This order was placed for “Mary W. Jackson”, which was merged into “Mary Jackson”")).toBeVisible();
  const [row] = await sql<{ customerId: string }>(`SELECT "customerId" FROM "Order" WHERE "ownerId" = $1`, [user.id]);
  expect(row.customerId).toBe(survivor);
});

test("Not duplicates: the group leaves the list, the home page and Merge with…; Undo brings it back", async ({ page, user }) => {
  const first = await seedCustomer(user.id, { name: "Mary Somerville", email: "mary@observatory.example" });
  await seedCustomer(user.id, { name: "Mary Somerville", email: "mary@observatory.example" });
  await page.goto("/");
  await expect(page.getByText("1 group of possible duplicates")).toBeVisible();
  await page.goto("/customers/duplicates");
  const group = page.getByRole("region", { name: /Group: Mary Somerville/ });
  await group.getByRole("button", { name: "Not duplicates" }).click();
  await expect(page.getByText("Marked as not duplicates")).toBeVisible();
  await expect(group).toHaveCount(0);
  expect(await countRows("CustomerDuplicateDecision", `"decidedById" = $1`, [user.id])).toBe(1);

  const elsewhere = await page.context().newPage();
  await elsewhere.goto("/");
  await expect(elsewhere.getByText("No possible duplicates")).toBeVisible();
  await elsewhere.goto(`/customers/merge?ids=${first}`);
  await expect(elsewhere.getByText("No customer looks like this one.")).toBeVisible();
  await elsewhere.close();

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("They are suggested as possible duplicates again.")).toBeVisible();
  await expect(group).toHaveCount(1);
  expect(await countRows("CustomerDuplicateDecision", `"decidedById" = $1`, [user.id])).toBe(0);
});
