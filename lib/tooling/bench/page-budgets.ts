// Page-weight targets, in kB of gzip-compressed JavaScript on first load: every page within `page`,
// and a page with a form within `formOverLightest` of the lightest page of the same run. #19 set
// 150 kB by taking react-hook-form and TanStack Query out of the forms and live panels; #28 put them
// back and set 165 kB.
// The Lab is the one page that carries both libraries and the duplicate-safe form hooks, twice over
// (two forms, two live panels): measured at #28, the framework (136.6) + react-hook-form (12.3) +
// TanStack Query (10.7) + the draft, lock and dialog hooks (3.0) come to 162.6 kB before any code
// of its own, so 165 leaves it 2.4 kB for two forms, two panels and their switches. It gets 170.
// The new order form joined it with #33.11: its customer picker searches the API through TanStack
// Query (loaded once the page is interactive, counted all the same), measured 168.2 kB.
// e2e/page-weight.spec.ts fails past them and `npm run bench:pages` reports against them.
export const PAGE_BUDGETS_KB = { page: 165, formOverLightest: 30, bothLibraries: 170 };

/** Pages whose forms also fetch live through TanStack Query. */
const BOTH_LIBRARIES = ["lab ", "new order"];

const hasForm = (name: string) => name.includes("(form");

export function budgetFor(name: string, lightestKb: number): number {
  if (BOTH_LIBRARIES.some((prefix) => name.startsWith(prefix))) return PAGE_BUDGETS_KB.bothLibraries;
  return hasForm(name) ? Math.min(PAGE_BUDGETS_KB.page, lightestKb + PAGE_BUDGETS_KB.formOverLightest) : PAGE_BUDGETS_KB.page;
}
