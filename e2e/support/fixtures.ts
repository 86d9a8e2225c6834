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

export const test = base.extend<{ user: TestUser }>({
  user: async ({ page }, use) => {
    const user = await seedUser();
    await signInAs(page, user);
    await use(user);
  },
});
export { expect };
