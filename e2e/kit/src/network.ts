// Watching and bending the form's submit requests: count them, hold them, slow them, lose the answer.
import type { Page, Request, Route } from "@playwright/test";
import { isSubmitOf, type FormTarget } from "./target.ts";

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the submit requests leaving the browser, and knows when they have all been answered. */
export class SubmitLog {
  readonly requests: Request[] = [];
  private open = new Set<Request>();
  private readonly onRequest = (r: Request) => {
    if (!this.matches(r)) return;
    this.requests.push(r);
    this.open.add(r);
  };
  private readonly onDone = (r: Request) => this.open.delete(r);

  constructor(
    private readonly page: Page,
    private readonly matches: (r: Request) => boolean,
  ) {
    page.on("request", this.onRequest);
    page.on("requestfinished", this.onDone);
    page.on("requestfailed", this.onDone);
  }

  get count(): number {
    return this.requests.length;
  }

  /**
   * Resolves once every submit has been answered (or failed), the page has loaded, and no new
   * submit has started for `quietMs`: late duplicates are counted, not missed.
   */
  async settled(quietMs = 500, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    for (;;) {
      await this.page.waitForLoadState("load").catch(() => {}); // a page mid-navigation may close its frame
      if (this.open.size === 0 && this.count === seen) return;
      if (Date.now() > deadline) throw new Error(`Form kit: ${this.open.size} submit request(s) were still unanswered after ${timeoutMs} ms.`);
      seen = this.open.size === 0 ? this.count : -1;
      await wait(quietMs);
    }
  }

  stop(): void {
    this.page.off("request", this.onRequest);
    this.page.off("requestfinished", this.onDone);
    this.page.off("requestfailed", this.onDone);
  }
}

type Handler = (route: Route) => Promise<void>;

/** Routes the target's submit requests through `handler` (everything else passes) until `off()`. */
export async function interceptSubmits(t: FormTarget, handler: Handler): Promise<{ off: () => Promise<void> }> {
  const isSubmit = isSubmitOf(t);
  const route: Handler = async (r) => {
    if (!isSubmit(r.request())) return r.fallback();
    try {
      await handler(r);
    } catch (error) {
      // The browser gave up on this request itself (a second navigation replaced it): nothing to answer.
      if (!/Target page, context or browser has been closed|Route is already handled|canceled|aborted/i.test(String(error))) throw error;
    }
  };
  await t.page.route("**/*", route);
  return { off: () => t.page.unroute("**/*", route) };
}

/** Holds every submit until `release()`, so clicks and key presses land while the first is in flight. */
export async function holdSubmits(t: FormTarget, minMs = 0) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const interception = await interceptSubmits(t, async (route) => {
    await Promise.all([released, wait(minMs)]);
    await route.continue();
  });
  return { release, off: interception.off };
}

/** Every submit reaches the server `ms` late: a slow network. */
export async function delaySubmits(t: FormTarget, ms: number) {
  const held = await holdSubmits(t, ms);
  held.release();
  return held;
}
