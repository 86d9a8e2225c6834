// Every check in the QA kit against the app's real forms: each one must pass. (e2e/lab.spec.ts
// runs them against the Lab with protections on and off.)
import type { Request } from "@playwright/test";
import { ALL_CHECKS, isSubmitOf } from "@dedupe-desk/form-kit";
import { expect, test } from "./support/fixtures.ts";
import { seedCustomer } from "./support/seed.ts";
import { customerForm, orderForm } from "./support/targets.ts";

for (const [name, check] of Object.entries(ALL_CHECKS)) {
  test(`customer form: ${name}`, async ({ page, user }) => {
    await check(customerForm(page, user));
  });
  test(`order form: ${name}`, async ({ page, user }) => {
    await seedCustomer(user.id, { name: "Grace Hopper" });
    await check(orderForm(page, user));
  });
}

test("a dev server's own POSTs (next dev's overlay) are not taken for the form's submits", () => {
  const isSubmit = isSubmitOf({} as never);
  const post = (path: string) => ({ method: () => "POST", url: () => `http://localhost:3000${path}` }) as unknown as Request;
  expect(isSubmit(post("/__nextjs_original-stack-frames"))).toBe(false);
  expect(isSubmit(post("/_next/webpack-hmr"))).toBe(false);
  expect(isSubmit(post("/api/v1/customers"))).toBe(false);
  expect(isSubmit(post("/customers/new?draft=x"))).toBe(true);
});
