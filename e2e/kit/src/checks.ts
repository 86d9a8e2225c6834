// The duplicate checks. Each one drives the form as a person would, counts the submit requests that
// left the browser and the records that exist afterwards, and, when a count is wrong, fails with a
// message naming the protection that is missing.
import { expect, type Request } from "@playwright/test";
import { delaySubmits, holdSubmits, interceptSubmits, SubmitLog, wait } from "./network.ts";
import { confirmDuplicateOf, duplicatePromptOf, isSubmitOf, submitButtonOf, type FormTarget } from "./target.ts";

async function waitFor(condition: () => boolean, timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; !condition() && Date.now() < end;) await wait(10);
}

export class DuplicateCheckError extends Error {
  override name = "DuplicateCheckError";
}

type Counts = { sent: number; created: number | undefined; requests: Request[] };

/**
 * Runs `act` with the submit log running; returns how many submits went out and how many records
 * appeared (undefined when the target cannot count them).
 */
async function measure(t: FormTarget, act: (log: SubmitLog) => Promise<void>): Promise<Counts> {
  const before = await t.countRecords?.();
  const log = new SubmitLog(t.page, isSubmitOf(t));
  try {
    await act(log);
    await log.settled();
  } finally {
    log.stop();
  }
  return { sent: log.count, created: before === undefined ? undefined : (await t.countRecords!()) - before, requests: log.requests };
}

/** Like measure, for the checks whose verdict rests on the records. */
async function measureRecords(t: FormTarget, act: (log: SubmitLog) => Promise<void>): Promise<Counts & { created: number }> {
  if (!t.countRecords) throw new DuplicateCheckError("Form kit: this check needs countRecords (with the audit command, --count-url).");
  const got = await measure(t, act);
  return { ...got, created: got.created! };
}

/**
 * A repeat that saved nothing because the server refused it (a validation error: the page came
 * back empty after Back) proves nothing about the protection: the check cannot run.
 */
async function expectAccepted(what: string, requests: Request[]) {
  for (const request of requests) {
    const status = (await request.response().catch(() => null))?.status();
    if (status !== undefined && status >= 400) {
      throw new DuplicateCheckError(`Form kit: ${what} was refused with status ${status} (did the form keep its entries?), so the check could not run.`);
    }
  }
}

function expectCounts(what: string, got: Counts, want: { sent: number; created: number }, blame: { sent: string; created: string }) {
  if (got.sent !== want.sent) {
    throw new DuplicateCheckError(`${blame.sent}: ${what} sent ${got.sent} submit request(s); expected ${want.sent}.`);
  }
  if (got.created !== undefined && got.created !== want.created) {
    throw new DuplicateCheckError(`${blame.created}: ${what} created ${got.created} record(s); expected ${want.created}.`);
  }
}

const DISABLE = "Disable on submit is missing";
const ONE_RECORD = "The submit did not save exactly one record";

/**
 * `act` (a click, a key press) `times` times, `gapMs` apart. Each is dispatched without waiting for
 * the last to finish, because a click that starts a navigation is not done until that navigation
 * is, and the kit may be holding it. Resolves once all are dispatched; `done` once all have finished.
 */
async function burst(times: number, gapMs: number, act: () => Promise<unknown>): Promise<{ done: Promise<unknown> }> {
  const acts: Promise<unknown>[] = [];
  for (let i = 0; i < times; i++) {
    if (i > 0 && gapMs > 0) await wait(gapMs);
    acts.push(act().catch(() => {}));
  }
  return { done: Promise.all(acts) };
}

/** Real mouse clicks at the button's centre (a disabled button ignores them). */
const clickBurst = (t: FormTarget, box: Box, times: number, gapMs = 0, clickCount = 1) =>
  burst(times, gapMs, () => t.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount }));

/** Enter pressed where the focus is. */
const enterBurst = (t: FormTarget, times: number, gapMs = 0) => burst(times, gapMs, () => t.page.keyboard.press("Enter"));

type Box = { x: number; y: number; width: number; height: number };

/** Where the submit button is, measured while the page is idle (a page mid-navigation cannot be queried). */
async function buttonBox(t: FormTarget): Promise<Box> {
  // Mouse clicks land where the button is on screen: on a long form it starts below the fold.
  await submitButtonOf(t).scrollIntoViewIfNeeded();
  const box = await submitButtonOf(t).boundingBox();
  if (!box) throw new DuplicateCheckError("Form kit: the submit button is not visible.");
  return box;
}

const TEXT_FIELD = 'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="submit"])';
/** Focus in the form's first text field, where Enter submits the form. */
const focusTextField = (t: FormTarget) => t.form.locator(TEXT_FIELD).first().focus();

/**
 * A person's double-click: the second click comes while the first submit is on its way. (A
 * script's instant double-click can fall within one task of the browser, which then sends a plain
 * form once and hides the problem; on a real network the request is long gone by the second click.)
 */
export async function expectSingleSubmitOnDoubleClick(t: FormTarget): Promise<void> {
  await t.open();
  const box = await buttonBox(t);
  const held = await holdSubmits(t); // so that the second click cannot land on the next page
  const got = await measure(t, async (log) => {
    const first = await clickBurst(t, box, 1);
    await waitFor(() => log.count > 0, 1000);
    const second = await clickBurst(t, box, 1, 0, 2);
    held.release();
    await Promise.all([first.done, second.done]);
  });
  await held.off();
  expectCounts("a double-click", got, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
}

/**
 * `times` clicks about 10 ms apart (10 take about 100 ms), the rest once the first submit is on
 * its way (see expectSingleSubmitOnDoubleClick), all while it is held in flight.
 */
export async function expectSingleSubmitOnRapidClicks(t: FormTarget, times = 10): Promise<void> {
  await t.open();
  const box = await buttonBox(t);
  const held = await holdSubmits(t); // so that no click lands on the next page
  const got = await measure(t, async (log) => {
    const first = await clickBurst(t, box, 1);
    await waitFor(() => log.count > 0, 1000);
    const rest = await clickBurst(t, box, times - 1, 10);
    held.release();
    await Promise.all([first.done, rest.done]);
  });
  await held.off();
  expectCounts(`${times} rapid clicks`, got, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
}

/**
 * Enter pressed `times` times in the form's first text field, the rest once the first submit is on
 * its way (presses in one burst can fall within one task, which the browser folds into one submit).
 */
export async function expectSingleSubmitOnEnterSpam(t: FormTarget, times = 8): Promise<void> {
  await t.open();
  await focusTextField(t);
  const held = await holdSubmits(t);
  const got = await measure(t, async (log) => {
    const first = await enterBurst(t, 1);
    await waitFor(() => log.count > 0, 1000);
    const rest = await enterBurst(t, times - 1, 10);
    held.release();
    await Promise.all([first.done, rest.done]);
  });
  await held.off();
  expectCounts(`Enter pressed ${times} times`, got, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
}

/**
 * Every submit takes `delayMs` (2 s), and the user clicks again and again while it does.
 * `addDelay: false` when the server is slow already and the kit need only pace the clicks.
 */
export async function expectNoDuplicateUnderSlowNetwork(t: FormTarget, options: { delayMs?: number; addDelay?: boolean } = {}): Promise<void> {
  const { delayMs = 2000, addDelay = true } = options;
  await t.open();
  const box = await buttonBox(t);
  const slow = await delaySubmits(t, addDelay ? delayMs : 0);
  const got = await measure(t, async () => {
    const clicks = await clickBurst(t, box, 5, delayMs / 8); // all within the first half of the wait
    await Promise.all([clicks.done, wait(delayMs)]);
  });
  await slow.off(); // only once every held request has been let through
  expectCounts("5 clicks during a 2-second save", got, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
}

export async function expectNoResubmitOnReload(t: FormTarget): Promise<void> {
  await t.open();
  const first = await measure(t, () => submitButtonOf(t).click());
  expectCounts("one click", first, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
  const reload = await measure(t, async () => {
    await t.page.reload();
  });
  expectCounts(
    "reloading the result page",
    reload,
    { sent: 0, created: 0 },
    { sent: "Post-redirect-get is missing (the result page is the answer to a POST)", created: "Reloading created a record" },
  );
}

const NO_ID = "Browser-generated ID (an idempotent save by the form's own ID) is missing";

// A page may show its prompt a while after the answer arrived (it hydrates first, or loads the
// dialog's code on demand): a busy machine took over the half second the submit log waits.
const PROMPT_WAIT_MS = 2000;

/** Whether the page asks "possible duplicate?", given the time a page needs to show it. */
const asksAboutDuplicate = (t: FormTarget) =>
  duplicatePromptOf(t)
    .waitFor({ state: "visible", timeout: PROMPT_WAIT_MS })
    .then(
      () => true,
      () => false,
    );

export async function expectNoDuplicateOnBackAndResubmit(t: FormTarget): Promise<void> {
  await t.open();
  const formUrl = t.page.url();
  const first = await measureRecords(t, () => submitButtonOf(t).click());
  expectCounts("one click", first, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
  const again = await measureRecords(t, async () => {
    await backTo(t, formUrl);
    await submitButtonOf(t).click();
  });
  if (again.sent !== 1) {
    throw new DuplicateCheckError(
      `Form kit: after Back, submitting again sent ${again.sent} request(s), so the check could not run (did validation stop it?).`,
    );
  }
  await expectAccepted("after Back, submitting again", again.requests);
  await expectRecognised(t, "Back then submit again", again.created);
}

/** A repeat of a saved submit must be known as that record: not a new one, not a "possible duplicate". */
async function expectRecognised(t: FormTarget, what: string, created: number) {
  if (created !== 0) throw new DuplicateCheckError(`${NO_ID}: ${what} created ${created} more record(s); expected none.`);
  if (await asksAboutDuplicate(t)) {
    throw new DuplicateCheckError(
      `${NO_ID}: ${what} was taken for a new record (the near-match check asked about it), not recognised as the one already saved.`,
    );
  }
}

/** The server saves the first submit but the browser never hears back; then the user tries again. */
export async function expectRetrySafeAfterDroppedResponse(t: FormTarget): Promise<void> {
  await t.open();
  const formUrl = t.page.url();
  let dropped = false;
  const drop = await interceptSubmits(t, async (route) => {
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch({ maxRedirects: 0 }).catch(() => {}); // the server really saves (checked below)…
    await route.abort("failed"); // …but the answer is lost
  });
  try {
    const lost = await measureRecords(t, () => submitButtonOf(t).click());
    if (lost.created !== 1)
      throw new DuplicateCheckError(`Form kit: the first submit should have been saved before its answer was lost, but it created ${lost.created} record(s).`);
    const retried = await measureRecords(t, () => (t.retry ? t.retry() : defaultRetry(t, formUrl)));
    if (retried.sent < 1) throw new DuplicateCheckError("Form kit: trying again sent nothing, so the check could not run.");
    await expectAccepted("trying again", retried.requests);
    await expectRecognised(t, "trying again after a lost response", retried.created);
  } finally {
    await drop.off();
  }
}

async function defaultRetry(t: FormTarget, formUrl: string) {
  const tryAgain = t.page.getByRole("button", { name: "Try again" });
  if (await tryAgain.isVisible().catch(() => false)) return tryAgain.click();
  await backTo(t, formUrl);
  await submitButtonOf(t).click();
}

/** Back to the form at `formUrl`, and ready to use again. */
async function backTo(t: FormTarget, formUrl: string) {
  await t.page.goBack();
  await t.page.waitForURL(formUrl);
  await (t.ready ? t.ready() : expect(submitButtonOf(t)).toBeEnabled());
}

/**
 * The same entries twice, as two new records: the second must be stopped with a "Possible
 * duplicate" question, save nothing until the user chooses "Save anyway", and then save once.
 */
export async function expectPromptBeforeLikelyDuplicate(t: FormTarget): Promise<void> {
  await t.open();
  const first = await measureRecords(t, () => submitButtonOf(t).click());
  expectCounts("the first submit", first, { sent: 1, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
  await t.open();
  const second = await measureRecords(t, () => submitButtonOf(t).click());
  if (second.created !== 0) {
    throw new DuplicateCheckError(`Near-match check is missing: the same entries were saved again without asking (${second.created} new record(s)).`);
  }
  if (!(await asksAboutDuplicate(t))) throw new DuplicateCheckError("Near-match check is missing: nothing was saved, but nothing asked the user either.");
  const decided = await measure(t, () => confirmDuplicateOf(t).click());
  expectCounts("saving anyway", decided, { sent: 1, created: 1 }, { sent: DISABLE, created: "Saving anyway did not save exactly one record" });
}

export interface Downstream {
  /** The effects in the other system so far (shipments, charges, emails): ask that system, not the page. */
  count: () => Promise<number>;
  /** The count must hold still this long to be final (default 2 s). */
  settleMs?: number;
  /** Gives up waiting for it to settle after this long (default 20 s). */
  timeoutMs?: number;
}

/**
 * For a form whose save calls another system (a payment, a shipment, an email): one submit must
 * leave exactly one effect there, once the retries and callbacks in between have run their course,
 * and no effect when nothing was saved. Run it with the other system misbehaving (an answer lost, a
 * save that fails after the call) to see the protection, not the happy path.
 */
export async function expectOneEffectDownstream(t: FormTarget, downstream: Downstream): Promise<void> {
  const { settleMs = 2000, timeoutMs = 20_000 } = downstream;
  await t.open();
  const before = await downstream.count();
  const got = await measureRecords(t, () => submitButtonOf(t).click());
  let effects = (await downstream.count()) - before;
  let stableSince = Date.now();
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    const awaitingTheFirst = got.created > 0 && effects === 0;
    if (!awaitingTheFirst && Date.now() - stableSince >= settleMs) break;
    await wait(100);
    const now = (await downstream.count()) - before;
    if (now !== effects) [effects, stableSince] = [now, Date.now()];
  }
  if (got.created === 0 && effects > 0) {
    throw new DuplicateCheckError(
      `A transactional outbox is missing: the save did not happen, but the other system received it ${effects} time(s). Send after the commit, from a record written in the same transaction.`,
    );
  }
  if (got.created === 1 && effects > 1) {
    throw new DuplicateCheckError(
      `An idempotency key to the other system is missing: one saved record made ${effects} effects there. Send every attempt with the same key.`,
    );
  }
  if (got.created === 1 && effects === 0)
    throw new DuplicateCheckError("Nothing reached the other system: one saved record made no effect there within the time allowed.");
  if (got.created > 1) expectCounts("one submit", got, { sent: got.sent, created: 1 }, { sent: DISABLE, created: ONE_RECORD });
}
