// `npm run screenshots`: pictures of every state of the create flow, for the README and for
// looking at what users see. Not a test: it asserts only that each state appeared.
import { expect, test } from "./support/fixtures.ts";
import { apiClient, seedToken } from "./support/api.ts";
import { setFaults } from "./support/provider.ts";
import { seedCustomer } from "./support/seed.ts";
import { chooseCustomer, wait } from "./support/forms.ts";

const shot = (name: string) => ({ path: `e2e/screenshots/${name}.png`, fullPage: true });

test("capture the create flow", async ({ page, browser, user }) => {
  expect(user.email).toContain("@");
  test.setTimeout(120_000);
  const signedOut = await browser.newPage();
  await signedOut.goto("/signin");
  await signedOut.screenshot(shot("signin"));
  // Past the email's free failures, the form says how long to wait.
  await signedOut.getByLabel("Email").fill(user.email);
  for (let i = 0; i < 6; i++) {
    await signedOut.getByLabel("Password").fill(`guess ${i}`);
    await signedOut.getByRole("button", { name: "Sign in" }).click();
    await expect(signedOut.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(signedOut.getByText(/Too many attempts\. Try again in \d+ s\./)).toBeVisible();
  await signedOut.screenshot(shot("signin-throttled"));
  await signedOut.close();

  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.screenshot(shot("customer-new"));

  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill("ada@example");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByText("Enter a valid email address", { exact: false })).toBeVisible();
  await page.screenshot(shot("customer-invalid"));

  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByLabel("Company").fill("Analytical Engines");
  await page.route("**/customers/new*", async (route) => {
    if (route.request().method() === "POST") await wait(1500);
    await route.continue();
  });
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("button", { name: "Saving…" })).toBeVisible();
  await page.screenshot(shot("customer-saving"));
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  await page.screenshot(shot("customer-saved"));
  await page.unroute("**/customers/new*");

  await page.goBack();
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByText("Already saved")).toBeVisible();
  await page.screenshot(shot("customer-already-saved"));

  await page.goBack();
  await page.getByLabel("Name").fill("Ada King");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByText("already saved with different details")).toBeVisible();
  await page.screenshot(shot("customer-conflict"));

  await page.goto("/customers/new");
  await expect(page).toHaveURL(/draft=/);
  await page.getByLabel("Name").fill("Charles Babbage");
  await page.route("**/customers/new*", (route) => (route.request().method() === "POST" ? route.abort("failed") : route.continue()));
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await page.screenshot(shot("customer-network-error"));
  await page.unroute("**/customers/new*");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Charles Babbage" })).toBeVisible();

  await page.goto("/customers/new");
  await page.getByLabel("Name").pressSequentially("Ada Lovelace", { delay: 15 });
  await expect(page.getByRole("complementary", { name: "Possible matches" })).toBeVisible();
  await page.screenshot(shot("customer-possible-matches"));
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("dialog", { name: "Possible duplicate" })).toBeVisible();
  await page.screenshot(shot("customer-possible-duplicate"));
  await page.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByText("Saved despite possible duplicate of")).toBeVisible();
  await page.screenshot(shot("customer-saved-despite"));

  // "Save anyway" settled the Ada pair; a lookalike saved before any check (an import, say) is what
  // the review page is for.
  await seedCustomer(user.id, { name: "Charles Babbage", email: "c.babbage@example.com", company: "Difference Engines" });
  await page.goto("/customers/duplicates");
  await page.screenshot(shot("customers-duplicates"));
  await page.goto("/customers");
  await page.screenshot(shot("customers"));
  await page.goto("/");
  await page.screenshot(shot("home"));
  await page.locator(".account summary").click();
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.screenshot(shot("account-menu"));

  await page.goto("/customers/duplicates");
  await page.getByRole("link", { name: "Compare and merge" }).first().click();
  await expect(page.getByRole("form", { name: "Merge customers" })).toBeVisible();
  await page.screenshot(shot("customer-merge"));
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("region", { name: "Merged into this customer" })).toBeVisible();
  await page.screenshot(shot("customer-merged"));

  await page.goto("/orders/new");
  await chooseCustomer(page, "Ada Lovelace");
  await page.getByLabel("Description").fill("Bernoulli number tables");
  await page.getByLabel("Amount").fill("120.00");
  await page.getByLabel("Amount").focus();
  await page.screenshot(shot("order-new"));
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.screenshot(shot("order-saved"));
});

test("capture the Duplicate Lab", async ({ page, user }) => {
  test.setTimeout(120_000);
  const { labTicketForm, setLabSwitch } = await import("./support/lab.ts");
  const form = labTicketForm(page, user);
  await form.open();
  await page.screenshot(shot("lab-all-on"));

  // One protection off, then a person's double-click on a slow network: two requests reach the server.
  await setLabSwitch(page, "Disable on submit", false);
  await setLabSwitch(page, "Simulate slow network", true);
  await form.open();
  const box = (await page.getByRole("button", { name: "Submit ticket" }).boundingBox())!;
  void page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await wait(150);
  void page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount: 2 });
  await expect(page.getByRole("region", { name: "Requests received" }).getByRole("listitem")).toHaveCount(2);
  await page.screenshot(shot("lab-disable-off-double-click"));
});

test("capture the API pages: tokens and Quick add order", async ({ page, user }) => {
  expect(user.email).toContain("@");
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("Nightly sync");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token “Nightly sync” created")).toBeVisible();
  await page.screenshot(shot("tokens-created"));
  for (let i = 0; i < 49; i++) await seedToken(user.id);
  await page.getByLabel("Name").fill("One too many");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("You have 50 active tokens, the most allowed")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/tokens-limit.png" }); // the notice, not the 50 rows below it

  await page.goto("/customers/new");
  await page.getByLabel("Name").fill("Katherine Johnson");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("heading", { name: "Katherine Johnson" })).toBeVisible();
  const box = page.getByRole("form", { name: "Quick add order" });
  await box.getByLabel("Description").fill("Trajectory tables");
  await box.getByLabel("Amount").fill("120.00");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Order added")).toBeVisible();
  await box.getByLabel("Description").fill("Trajectory tables");
  await box.getByLabel("Amount").fill("120.00");
  await box.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Possible duplicate")).toBeVisible();
  await page.screenshot(shot("quick-add-possible-duplicate"));
  await page.getByRole("button", { name: "Add anyway" }).click();
  await expect(page.getByText("Order added")).toBeVisible();
  await box.getByLabel("Amount").focus();
  await page.screenshot(shot("quick-add-added"));
});

test("capture the fulfilment integration: a delivery timeline and /integrations", async ({ page, user }) => {
  test.setTimeout(90_000);
  const customerId = await seedCustomer(user.id, { name: "Ada Lovelace" });
  const api = apiClient(page.request, await seedToken(user.id));
  const place = async (description: string, amount: string) =>
    (await (await api.post("/orders", { customerId, description, amount, currency: "GBP" })).json()).id as string;

  // A flaky provider: the timeline shows the retries it took.
  await setFaults({ failureRate: 0.6, seed: 5 });
  const shipped = await place("Analytical engine parts", "120.00");
  await page.goto(`/orders/${shipped}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 30_000 });
  await page.screenshot(shot("order-delivery-confirmed"));

  await setFaults({ failureRate: 0, incompatible: true });
  const refused = await place("Bernoulli tables", "45.00");
  await page.goto(`/orders/${refused}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Failed", { timeout: 15_000 });
  await page.screenshot(shot("order-delivery-failed"));

  await page.goto("/integrations");
  await page.getByRole("switch", { name: "Fulfilment provider" }).click();
  await expect(page.getByRole("switch", { name: "Fulfilment provider" })).not.toBeChecked();
  await place("Brass gears", "30.00");
  await page.goto("/integrations");
  await expect(page.getByText("1 delivery, oldest since")).toBeVisible();
  await page.screenshot(shot("integrations"));
  await page.getByRole("switch", { name: "Fulfilment provider" }).click();
  await setFaults({ incompatible: false });
});

test("capture the Integration Lab: one order with every protection on, one with the idempotency key off", async ({ page, user }) => {
  test.setTimeout(90_000);
  expect(user.email).toContain("@");
  const { setLabSwitch } = await import("./support/lab.ts");
  const placeLabOrder = async (description: string) => {
    await page.goto("/lab");
    await page.getByLabel("Description", { exact: true }).fill(description);
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/integration=/);
  };
  await setLabSwitch(page, "Lose the provider’s answer", true);
  await setLabSwitch(page, "Duplicate callbacks", true);
  await placeLabOrder("Crate of brass gears");
  await setLabSwitch(page, "Idempotency key to provider", false);
  await placeLabOrder("Box of punched cards");
  const section = page.locator("#integration");
  await expect(section.getByTestId("problem")).toHaveText("2 shipments for one order", { timeout: 15_000 });
  await expect(section.getByTestId("lab-order").first().getByTestId("exists")).toHaveText("confirmed", { timeout: 15_000 });
  await expect(section.getByTestId("lab-order").last().getByTestId("exists")).toHaveText("confirmed", { timeout: 15_000 });
  await section.screenshot({ path: "e2e/screenshots/lab-integration.png" });
});
