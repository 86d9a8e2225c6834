// A Playwright kit for duplicate-submission checks on any form. See the README.
import * as checks from "./checks.ts";
import type { FormTarget } from "./target.ts";

export type { FormTarget } from "./target.ts";
export { isSubmitOf } from "./target.ts";
export * from "./checks.ts";
export { audit, type AuditOptions, type AuditResult } from "./audit.ts";

/** Every check by name, with its defaults: `for (const [name, check] of Object.entries(ALL_CHECKS))`. */
export const ALL_CHECKS = {
  expectSingleSubmitOnDoubleClick: checks.expectSingleSubmitOnDoubleClick,
  expectSingleSubmitOnRapidClicks: (t: FormTarget) => checks.expectSingleSubmitOnRapidClicks(t),
  expectSingleSubmitOnEnterSpam: (t: FormTarget) => checks.expectSingleSubmitOnEnterSpam(t),
  expectNoDuplicateUnderSlowNetwork: (t: FormTarget) => checks.expectNoDuplicateUnderSlowNetwork(t),
  expectNoResubmitOnReload: checks.expectNoResubmitOnReload,
  expectNoDuplicateOnBackAndResubmit: checks.expectNoDuplicateOnBackAndResubmit,
  expectRetrySafeAfterDroppedResponse: checks.expectRetrySafeAfterDroppedResponse,
  expectPromptBeforeLikelyDuplicate: checks.expectPromptBeforeLikelyDuplicate,
} satisfies Record<string, (t: FormTarget) => Promise<void>>;
