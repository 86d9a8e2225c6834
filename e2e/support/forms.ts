import type { Locator, Page, Request } from "@playwright/test";

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
  const box = await button.boundingBox();
  if (!box) throw new Error("The button is not visible");
  for (let i = 0; i < times; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
