import { randomUUID } from "node:crypto";
import { countRows } from "./support/db.ts";
import { expect, seedUser, test } from "./support/fixtures.ts";

test("sign up, sign out, sign in", async ({ page }) => {
  const email = `new-${randomUUID()}@example.com`;
  const password = "a long enough password";
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${email}` })).toBeVisible();
  expect(await countRows("User", "email = $1", [email])).toBe(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${email}` })).toBeVisible();
});

test("signing out ends the session on the server: a copy of the cookie taken before opens nothing after", async ({ page, browser, user }) => {
  await page.goto("/customers");
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
  expect(await countRows("UserSession", `"userId" = $1`, [user.id])).toBe(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await countRows("UserSession", `"userId" = $1`, [user.id])).toBe(0);

  // Someone who copied the cookie before: pages send them to sign in, the API answers 401.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const stolen = await other.newPage();
  await stolen.goto("/customers");
  await expect(stolen).toHaveURL(/\/signin/);
  await expect(stolen.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect((await stolen.request.get("/api/v1/customers")).status()).toBe(401);
  await other.close();
});

test("a signed-out visit goes to /signin and back to the page after signing in", async ({ page }) => {
  const user = await seedUser();
  await page.goto("/customers?page=2");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcustomers%3Fpage%3D2$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers\?page=2$/);
});

test("wrong password and unknown email get the same message", async ({ page }) => {
  const user = await seedUser();
  await page.goto("/signin");
  const attempt = async (email: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong password");
    const answered = page.waitForResponse(/\/api\/auth\/callback\/credentials/);
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    const message = page.getByRole("alert").filter({ hasText: /\S/ });
    await expect(message).toHaveText("Wrong email or password.");
  };
  await attempt(user.email);
  await attempt(`nobody-${randomUUID()}@example.com`);
  await expect(page.getByLabel("Password")).toHaveValue("wrong password");
});

test("a duplicate sign-up email gets a field error and creates nothing", async ({ page }) => {
  const user = await seedUser();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  expect(await countRows("User", "lower(email) = lower($1)", [user.email])).toBe(1);
  await expect(page.getByLabel("Email")).toHaveValue(user.email.toUpperCase());
});

test("sign-up input the schema refuses is named next to its field, the field is focused, and nothing is sent", async ({ page }) => {
  const email = `short-${randomUUID()}@example.com`;
  await page.goto("/signup");
  const posts: string[] = [];
  page.on("request", (r) => void (r.method() === "POST" && posts.push(r.url())));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("too short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  expect(posts).toEqual([]);
  expect(await countRows("User", "email = $1", [email])).toBe(0);
  // Once fixed, the message goes while typing, and the account is made once.
  await page.getByLabel("Password").fill("now long enough");
  await expect(page.getByText("Use at least 10 characters.")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign up" }).dblclick();
  await expect(page.getByRole("heading", { name: `Welcome, ${email}` })).toBeVisible();
  expect(
    posts.filter((url) => new URL(url).pathname === "/signup"),
    "one sign-up request for the double-click",
  ).toHaveLength(1);
  expect(await countRows("User", "email = $1", [email])).toBe(1);
});
