// #19's page-weight targets, in kB of gzip-compressed JavaScript on first load: every page within
// `page`, and a page with a form within `formOverLightest` of the lightest page of the same run.
export const PAGE_BUDGETS_KB = { page: 150, formOverLightest: 30 };

/**
 * Pages that do not meet the target yet, held at what they weighed in the last bench:pages run
 * (2026-11-23) plus 3 kB, so they cannot grow while the cuts go on. Delete an entry once its page
 * meets the target; lower one whenever a cut lands.
 */
export const HELD_AT_KB: Record<string, number> = {
  "new customer (form)": 158,
  customer: 154,
  "new order (form)": 157,
  "lab (forms)": 163,
};

export const hasForm = (name: string) => name.includes("(form");

export function targetFor(name: string, lightestKb: number): number {
  return hasForm(name) ? Math.min(PAGE_BUDGETS_KB.page, lightestKb + PAGE_BUDGETS_KB.formOverLightest) : PAGE_BUDGETS_KB.page;
}

/** What the budget test enforces: the target, or for a page not there yet, its held weight. */
export function budgetFor(name: string, lightestKb: number): number {
  return Math.max(targetFor(name, lightestKb), HELD_AT_KB[name] ?? 0);
}
