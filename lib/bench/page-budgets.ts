// Page-weight targets, in kB of gzip-compressed JavaScript on first load: every page within `page`,
// and a page with a form within `formOverLightest` of the lightest page of the same run. #19 set
// 150 kB by taking react-hook-form and TanStack Query out of the forms and live panels; #28 put them
// back and set 165 kB.
// e2e/page-weight.spec.ts fails past them and `npm run bench:pages` reports against them.
export const PAGE_BUDGETS_KB = { page: 165, formOverLightest: 30 };

export const hasForm = (name: string) => name.includes("(form");

export function budgetFor(name: string, lightestKb: number): number {
  return hasForm(name) ? Math.min(PAGE_BUDGETS_KB.page, lightestKb + PAGE_BUDGETS_KB.formOverLightest) : PAGE_BUDGETS_KB.page;
}
