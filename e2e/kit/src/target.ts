import type { Locator, Page, Request } from "@playwright/test";

/** What the kit needs to know about a form. Everything else it finds out by watching. */
export interface FormTarget {
  page: Page;
  /** The <form> under test. */
  form: Locator;
  /**
   * Opens a new, filled-in form, ready to submit (wait for whatever your page needs, such as
   * hydration). The kit calls it once per record it means to create; the same entries each time.
   */
  open: () => Promise<void>;
  /**
   * Waits until the form on the current page can be used, after the kit went Back to it (for
   * example, until it has hydrated). Default: until its submit button is enabled.
   */
  ready?: () => Promise<void>;
  /**
   * How many records exist now: count rows in your database, or ask your API. Without it the kit
   * counts only the submit requests, and the checks that need the records (Back, a lost response,
   * the near-match prompt, downstream effects) refuse to run.
   */
  countRecords?: () => Promise<number>;
  /** The form's submit button. Default: its first submit button. */
  submitButton?: Locator;
  /**
   * Which requests are this form's submits. Default: every POST that is neither under /api/ nor
   * one of the dev server's own (paths starting /_next/ or /__, such as Next's error overlay).
   */
  isSubmit?: (request: Request) => boolean;
  /** The question a likely duplicate raises. Default: the dialog named "Possible duplicate". */
  duplicatePrompt?: Locator;
  /** The button in it that saves regardless. Default: "Save anyway". */
  confirmDuplicate?: Locator;
  /**
   * What a user does to try again after the response to a submit was lost. Default: click
   * "Try again" if the page offers it, or else go Back and submit the form again.
   */
  retry?: () => Promise<void>;
}

export const submitButtonOf = (t: FormTarget): Locator =>
  t.submitButton ?? t.form.locator('button[type="submit"], input[type="submit"], button:not([type])').first();

// A framework's dev server talks to its own endpoints (`next dev`'s overlay POSTs stack frames to
// /__nextjs_original-stack-frames when it shows an issue): those are not the form's.
const NOT_SUBMITS = /^\/(api\/|_next\/|__)/;

export const isSubmitOf = (t: FormTarget) =>
  t.isSubmit ?? ((request: Request) => request.method() === "POST" && !NOT_SUBMITS.test(new URL(request.url()).pathname));

export const duplicatePromptOf = (t: FormTarget): Locator => t.duplicatePrompt ?? t.page.getByRole("dialog", { name: "Possible duplicate" });
export const confirmDuplicateOf = (t: FormTarget): Locator => t.confirmDuplicate ?? duplicatePromptOf(t).getByRole("button", { name: "Save anyway" });
