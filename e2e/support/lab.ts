import type { Page } from "@playwright/test";
import { countRows } from "./db.ts";
import { expect, type TestUser } from "./fixtures.ts";
import type { CountedForm } from "./targets.ts";

/** The Lab's ticket form as the kit sees it; every record it opens has the same title. */
export function labTicketForm(page: Page, user: TestUser, title = "Printer is on fire"): CountedForm {
  const form = page.locator('form[action="/lab/tickets"]');
  const ready = () => expect(form).toHaveAttribute("data-hydrated", "true");
  return {
    page,
    form,
    ready,
    open: async () => {
      await page.goto("/lab");
      await ready();
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Details").fill("Smoke from tray 2.");
    },
    countRecords: () => countRows("Ticket", `"ownerId" = $1`, [user.id]),
    isSubmit: (request) => request.method() === "POST" && new URL(request.url()).pathname === "/lab/tickets",
    submitButton: page.getByRole("button", { name: "Submit ticket" }),
  };
}

/** Flips a Lab switch through the page, as a user would, and waits until the server has it. */
export async function setLabSwitch(page: Page, label: string, on: boolean): Promise<void> {
  await page.goto("/lab");
  const control = page.getByRole("switch", { name: label });
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/lab");
  await control.setChecked(on);
  await saved;
  await page.reload();
  await expect(page.getByRole("switch", { name: label })).toBeChecked({ checked: on });
}
