// The app's own forms as the QA kit sees them (see e2e/README.md for pointing it at yours).
import type { Page } from "@playwright/test";
import type { FormTarget } from "@dedupe-desk/form-kit";
import { countRows } from "./db.ts";
import { chooseCustomer } from "./forms.ts";
import { expect, type TestUser } from "./fixtures.ts";

/** A form whose records these tests count in the database (the kit allows a target without). */
export type CountedForm = FormTarget & Required<Pick<FormTarget, "countRecords">>;

const isPostTo = (path: string) => (request: { method(): string; url(): string }) => request.method() === "POST" && new URL(request.url()).pathname === path;

export function customerForm(page: Page, user: TestUser): CountedForm {
  return {
    page,
    form: page.locator("form").filter({ has: page.getByRole("button", { name: "Save customer" }) }),
    submitButton: page.getByRole("button", { name: "Save customer" }),
    open: async () => {
      await page.goto("/customers/new");
      await expect(page).toHaveURL(/draft=/); // hydrated: the browser has given the form its ID
      await page.getByLabel("Name").fill("Ada Lovelace");
      await page.getByLabel("Email").fill("ada@example.com");
    },
    countRecords: () => countRows("Customer", `"ownerId" = $1`, [user.id]),
    isSubmit: isPostTo("/customers/new"),
  };
}

/** Needs a customer named "Grace Hopper" (seedCustomer). */
export function orderForm(page: Page, user: TestUser): CountedForm {
  return {
    page,
    form: page.locator("form").filter({ has: page.getByRole("button", { name: "Place order" }) }),
    submitButton: page.getByRole("button", { name: "Place order" }),
    open: async () => {
      await page.goto("/orders/new");
      await expect(page).toHaveURL(/draft=/);
      await chooseCustomer(page, "Grace Hopper");
      await page.getByLabel("Description").fill("Compiler manuals");
      await page.getByLabel("Amount").fill("42.50");
    },
    countRecords: () => countRows("Order", `"ownerId" = $1`, [user.id]),
    isSubmit: isPostTo("/orders/new"),
  };
}
