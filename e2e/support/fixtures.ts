import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { hashPassword } from "../../lib/auth/password.ts";
import { newId } from "../../lib/ids.ts";
import { sql } from "./db.ts";

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A new account, straight in the database: every test gets its own user and data. */
export async function seedUser(): Promise<TestUser> {
  const user = { id: newId(), email: `qa-${randomUUID()}@example.com`, password: `pw-${randomUUID()}` };
  await sql(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, $3)`, [user.id, user.email, await hashPassword(user.password)]);
  return user;
}

/** Signs the page's browser context in through next-auth's own endpoints (no UI, so it is fast). */
export async function signInAs(page: Page, user: TestUser): Promise<void> {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  expect(response.ok(), "sign-in through next-auth").toBe(true);
}

/** The e2e app's one operator (ADMIN_EMAILS in playwright.config.ts): made once, shared by the files that need it. */
export const OPERATOR_EMAIL = "operator@e2e.example.com";
async function seedOperator(): Promise<TestUser> {
  const password = "operator-password-for-e2e";
  await sql(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`, [
    newId(),
    OPERATOR_EMAIL,
    await hashPassword(password),
  ]);
  const [{ id }] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [OPERATOR_EMAIL]);
  return { id, email: OPERATOR_EMAIL, password };
}

export const test = base.extend<{ user: TestUser; operatorPage: Page }>({
  user: async ({ page }, use) => {
    const user = await seedUser();
    await signInAs(page, user);
    await use(user);
  },
  /** A second browser context, signed in as the operator. */
  operatorPage: async ({ browser }, use) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, await seedOperator());
    await use(page);
    await context.close();
  },
});
export { expect };
