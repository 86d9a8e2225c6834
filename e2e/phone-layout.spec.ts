// Every signed-in page fits a phone: at 360 and 390 px nothing makes the page scroll sideways, and
// the "Possible duplicate" dialog keeps all of its buttons on the screen.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { seedToken } from "./support/api.ts";
import { seedCustomer } from "./support/seed.ts";

const PAGES = [
  "/",
  "/customers",
  "/customers/new",
  "/customers/duplicates",
  "/orders",
  "/orders?lab=1",
  "/orders/new",
  "/integrations",
  "/lab",
  "/settings/tokens",
];

async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > limit + 1 && !e.closest(".table-wrap, .merge-table-wrap"))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className}: ${(e.textContent ?? "").trim().slice(0, 40)}`);
    return { width: document.documentElement.scrollWidth - limit, culprits };
  });
}

for (const width of [360, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 780 } });

    test("no page scrolls sideways", async ({ page, user }) => {
      test.setTimeout(60_000); // twelve pages, each until its network is idle: 24 s seen on a busy machine
      const ada = await seedCustomer(user.id, {
        name: "Ada Lovelace",
        email: "ada.lovelace@analytical-engines.example",
        phone: "+44 20 7946 0958",
        company: "Analytical Engines Ltd",
      });
      await seedCustomer(user.id, { name: "Ada King", email: "ada.lovelace@analytical-engines.example" });
      await seedToken(user.id); // the tokens table, with its visually hidden "Actions" heading
      for (const path of [...PAGES, `/customers/${ada}`, `/customers/merge?ids=${ada}`]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await overflow(page), path).toEqual({ width: 0, culprits: [] });
      }
    });

    test("a list's rows become cards: every value on screen beside its column's name, nothing scrolled out of sight", async ({ page, user }) => {
      await seedCustomer(user.id, {
        name: "Ada Lovelace",
        email: "ada.lovelace@analytical-engines.example",
        phone: "+44 20 7946 0958",
        company: "Analytical Engines Ltd",
      });
      await seedToken(user.id);
      for (const path of ["/customers", "/settings/tokens"]) {
        await page.goto(path);
        const seen = await page.locator(".table-wrap").evaluate((wrap) => {
          const right = wrap.getBoundingClientRect().right;
          const cells = [...wrap.querySelectorAll("td")];
          return {
            scrollsInside: wrap.scrollWidth > wrap.clientWidth,
            cut: cells.filter((td) => td.getBoundingClientRect().right > right + 1).map((td) => td.textContent),
            labels: cells.map((td) => getComputedStyle(td, "::before").content).filter((c) => c !== "none" && c !== "normal"),
          };
        });
        // Still a table to assistive technology: its header row is out of sight, not gone.
        expect((await new AxeBuilder({ page }).include(".table-wrap").analyze()).violations, path).toEqual([]);
        expect(seen.scrollsInside, path).toBe(false);
        expect(seen.cut, path).toEqual([]);
        expect(seen.labels, path).toEqual(
          path === "/customers" ? ['"Email"', '"Phone"', '"Company"', '"Created"'] : ['"Prefix"', '"Created"', '"Last used"', '"Expires"', '"Status"'],
        );
      }
    });

    test("the possible-duplicate dialog fits, with Open existing, Save anyway and Cancel on screen", async ({ page, user }) => {
      await seedCustomer(user.id, { name: "Grace Hopper", email: "grace@navy.example" });
      await page.goto("/customers/new");
      await page.getByLabel("Name").fill("Grace Hopper");
      await page.getByLabel("Email").fill("grace@navy.example");
      await page.getByRole("button", { name: "Save customer" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByText("Possible duplicate")).toBeVisible();
      for (const control of [
        dialog.getByRole("link", { name: "Open existing" }).first(),
        dialog.getByRole("button", { name: "Save anyway" }),
        dialog.getByRole("button", { name: "Cancel" }),
      ]) {
        await control.scrollIntoViewIfNeeded();
        await expect(control).toBeInViewport({ ratio: 1 }); // whole, not cut off at the card's edge
      }
      expect((await overflow(page)).width).toBe(0);
    });
  });
}

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("every page uses the one content width: nothing narrows the page to a width of its own", async ({ page, user }) => {
    test.setTimeout(60_000);
    const ada = await seedCustomer(user.id, { name: "Ada Lovelace", email: "ada@example.com" });
    for (const path of [...PAGES, `/customers/${ada}`, `/customers/merge?ids=${ada}`]) {
      await page.goto(path);
      const widths = await page.evaluate(() => {
        const main = document.querySelector("main")!;
        const style = getComputedStyle(main);
        const content = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const widest = Math.max(...[...main.children].map((c) => c.getBoundingClientRect().width));
        return { content: Math.round(content), widest: Math.round(widest) };
      });
      expect(widths.widest, path).toBe(widths.content);
    }
  });
});
