// /settings/tokens: a token's secret is shown once and stored only as a hash; the token works
// over the API until it is revoked, and a double-submitted form makes one token.
import { countRows, sql } from "./support/db.ts";
import { expect, test } from "./support/fixtures.ts";

test("create a token, use it, revoke it: the next request is refused", async ({ page, user, request }) => {
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.getByLabel("Name").fill("Nightly sync");
  await page.getByLabel("Expires in").selectOption({ label: "90 days" });
  await page.getByRole("button", { name: "Create token" }).dblclick();
  await expect(page.getByText("Token “Nightly sync” created")).toBeVisible();
  const secret = (await page.getByLabel("New token secret").textContent())!.trim();
  expect(secret).toMatch(/^ddk_[\w-]{43}$/);
  expect(await countRows("ApiToken", `"userId" = $1`, [user.id])).toBe(1);
  const [row] = await sql<{ secretHash: string; prefix: string }>(`SELECT "secretHash", prefix FROM "ApiToken" WHERE "userId" = $1`, [user.id]);
  expect(row.secretHash).not.toContain(secret.slice(4));
  expect(secret.startsWith(row.prefix)).toBe(true);
  await expect(page.getByRole("cell", { name: "Nightly sync", exact: true })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("");

  const auth = { authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/customers", { headers: auth })).status()).toBe(200);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0); // shown once
  await expect(
    page
      .getByRole("row", { name: /Nightly sync/ })
      .getByRole("cell")
      .nth(3),
  ).not.toHaveText("Never");

  await page.getByRole("button", { name: "Revoke Nightly sync" }).click();
  await expect(page.getByRole("row", { name: /Nightly sync/ })).toContainText("Revoked");
  const refused = await request.get("/api/v1/customers", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

test("the token form validates like every form: a name left empty is said when the field is left, and a tampered expiry is refused", async ({ page, user }) => {
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").focus();
  await page.getByLabel("Name").blur();
  await expect(page.getByText("Enter name.")).toBeVisible();
  await page.getByLabel("Name").fill("Too long");
  await expect(page.getByText("Enter name.")).toBeHidden();
  // An expiry the form does not offer, as a tampered page would send it.
  await page.getByLabel("Expires in").evaluate((el) => el.append(new Option("400 days", "400", true, true)));
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("A token lasts at most 365 days.")).toBeVisible();
  await expect(page.getByLabel("Expires in")).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveValue("Too long");
  expect(await countRows("ApiToken", `"userId" = $1`, [user.id])).toBe(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses the same expiry next to the field and keeps the name", async ({ page, user }) => {
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill("No script");
    await page.getByLabel("Expires in").evaluate((el) => el.append(new Option("400 days", "400", true, true)));
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("A token lasts at most 365 days.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("No script");
    expect(await countRows("ApiToken", `"userId" = $1`, [user.id])).toBe(0);
  });
});
