import { expect, type Locator, type Page, type Request } from "@playwright/test";

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every POST the page sends to paths under `pathPrefix` (server actions post to the page's URL). */
export function trackPosts(page: Page, pathPrefix: string): Request[] {
  const posts: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.startsWith(pathPrefix)) posts.push(request);
  });
  return posts;
}

/** Real mouse clicks at the button's centre, as fast as they come: a disabled button ignores them. */
export async function clickRapidly(page: Page, button: Locator, times: number): Promise<void> {
  // Mouse clicks land where the button is on screen: a long form puts it below the fold.
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  if (!box) throw new Error("The button is not visible");
  for (let i = 0; i < times; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Holds every POST to `pattern` until `release()` is called (and at least `minMs` has passed), so a
 * test can click, press and resubmit while the first save is in flight, however slow the machine.
 */
export async function holdPosts(page: Page, pattern: string, minMs = 0): Promise<{ release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    if (route.request().method() === "POST") await Promise.all([released, wait(minMs)]);
    await route.continue();
  });
  return { release };
}

/** The picker's text box: once the page is interactive it replaces the plain select (also a "combobox"). */
export const customerPicker = (page: Page) => page.getByRole("combobox", { name: "Customer" }).and(page.locator("input"));

/**
 * Picks a customer in the order form's searchable picker, as a person does: types part of the name
 * and clicks the match. (Without JavaScript the field is a plain select: use selectOption there.)
 */
export async function chooseCustomer(page: Page, name: string): Promise<void> {
  const box = customerPicker(page);
  await box.fill(name);
  await page.getByRole("listbox", { name: "Customers" }).getByRole("option", { name }).first().click();
  await expect(box).toHaveValue(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
}
