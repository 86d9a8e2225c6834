import { test as base, type Page } from "@playwright/test";
import type { FormTarget } from "@dedupe-desk/form-kit";
import { createFormServer } from "../form-server.mjs";

export interface FormServer {
  url: string;
  count: () => number;
  effects: () => number;
}

/** A fresh form server per test, with the protections named by `off` switched off. */
export const test = base.extend<{ off: string[]; server: FormServer }>({
  off: [[], { option: true }],
  server: async ({ off }, use) => {
    const server = createFormServer({ off });
    const url = await server.listen();
    await use({ url, count: server.count, effects: server.effects });
    await server.close();
  },
});
export { expect } from "@playwright/test";

/** The contact form as the kit sees it: the same entries every time, records counted on the server. */
export function contactForm(page: Page, server: FormServer): FormTarget {
  return {
    page,
    form: page.locator("form#record"),
    open: async () => {
      await page.goto(`${server.url}/form`);
      await page.getByLabel("Name").fill("Ada Lovelace");
      await page.getByLabel("Email").fill("ada@example.com");
    },
    countRecords: async () => server.count(),
  };
}
