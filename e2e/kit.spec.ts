// Every check in the QA kit against the app's real forms: each one must pass. (e2e/lab.spec.ts
// runs them against the Lab with protections on and off.)
import { ALL_CHECKS } from "./kit/index.ts";
import { test } from "./support/fixtures.ts";
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
