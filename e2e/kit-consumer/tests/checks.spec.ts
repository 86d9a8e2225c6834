// Every check of the installed kit against a form that is not Dedupe Desk's: each passes with its
// protection on and fails, naming it, with that protection off.
import { ALL_CHECKS, expectOneEffectDownstream } from "@dedupe-desk/form-kit";
import { contactForm, expect, test } from "./form.ts";

test.describe("with every protection on", () => {
  for (const [name, check] of Object.entries(ALL_CHECKS)) {
    test(`${name} passes`, async ({ page, server }) => {
      await check(contactForm(page, server));
    });
  }

  test("expectOneEffectDownstream passes", async ({ page, server }) => {
    await expectOneEffectDownstream(contactForm(page, server), { count: async () => server.effects(), settleMs: 300 });
    expect(server.effects()).toBe(1);
  });
});

const NO_ID = /^Browser-generated ID \(an idempotent save by the form's own ID\) is missing: /;
const BROKEN: Array<{ off: string; check: keyof typeof ALL_CHECKS; error: RegExp }> = [
  { off: "disable", check: "expectSingleSubmitOnDoubleClick", error: /^Disable on submit is missing: a double-click sent [23] submit request/ },
  { off: "disable", check: "expectSingleSubmitOnRapidClicks", error: /^Disable on submit is missing: 10 rapid clicks sent \d+ submit request/ },
  { off: "disable", check: "expectSingleSubmitOnEnterSpam", error: /^Disable on submit is missing: Enter pressed 8 times sent \d+ submit request/ },
  {
    off: "disable",
    check: "expectNoDuplicateUnderSlowNetwork",
    error: /^Disable on submit is missing: 5 clicks during a 2-second save sent \d+ submit request/,
  },
  { off: "prg", check: "expectNoResubmitOnReload", error: /^Post-redirect-get is missing .*: reloading the result page sent 1 submit request/ },
  { off: "browser-id", check: "expectNoDuplicateOnBackAndResubmit", error: NO_ID },
  { off: "idempotent", check: "expectNoDuplicateOnBackAndResubmit", error: NO_ID },
  { off: "browser-id", check: "expectRetrySafeAfterDroppedResponse", error: NO_ID },
  { off: "idempotent", check: "expectRetrySafeAfterDroppedResponse", error: NO_ID },
  {
    off: "near-match",
    check: "expectPromptBeforeLikelyDuplicate",
    error: /^Near-match check is missing: the same entries were saved again without asking \(1 new record/,
  },
];

for (const { off, check, error } of BROKEN) {
  test.describe(`with ${off} off`, () => {
    test.use({ off: [off] });
    test(`${check} fails, naming it`, async ({ page, server }) => {
      await expect(ALL_CHECKS[check](contactForm(page, server))).rejects.toThrow(error);
    });
  });
}

test.describe("with downstream-key off", () => {
  test.use({ off: ["downstream-key"] });
  test("expectOneEffectDownstream fails, naming it", async ({ page, server }) => {
    const downstream = { count: async () => server.effects(), settleMs: 300 };
    await expect(expectOneEffectDownstream(contactForm(page, server), downstream)).rejects.toThrow(
      /^An idempotency key to the other system is missing: one saved record made 2 effects there/,
    );
  });
});

test("without countRecords, the checks that need records refuse to run instead of passing", async ({ page, server }) => {
  const uncounted = { ...contactForm(page, server), countRecords: undefined };
  await expect(ALL_CHECKS.expectNoDuplicateOnBackAndResubmit(uncounted)).rejects.toThrow(/^Form kit: this check needs countRecords/);
  await ALL_CHECKS.expectSingleSubmitOnDoubleClick(uncounted); // counting requests alone still works
  expect(server.count()).toBe(1);
});
