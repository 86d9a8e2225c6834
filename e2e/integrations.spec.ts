// The fulfilment provider integration in the browser: the order's delivery timeline, the kill
// switch, batch retry, the provider's callbacks, and the Integration Lab (each protection on, then
// off), against the sandbox provider in its own process. One serial file: the sandbox's faults are
// shared by everything that talks to it.
import { apiClient, seedToken } from "./support/api.ts";
import { expectOneEffectDownstream } from "@dedupe-desk/form-kit";
import { sql } from "./support/db.ts";
import { expect, OPERATOR_EMAIL, test, type TestUser } from "./support/fixtures.ts";
import { setLabSwitch } from "./support/lab.ts";
import { readFaults, setFaults, shipmentsOf } from "./support/provider.ts";
import { seedCustomer } from "./support/seed.ts";
import type { CountedForm } from "./support/targets.ts";
import type { APIRequestContext, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { sign } from "../lib/webhooks/signature.ts";

test.describe.configure({ mode: "serial" });
test.afterEach(() => setFaults({ failureRate: 0, timeoutRate: 0, lostAckRate: 0, latencyMs: 0, down: false, incompatible: false }));

async function placeOrder(request: APIRequestContext, user: TestUser, description: string, amount: string): Promise<string> {
  const customerId = await seedCustomer(user.id, { name: "Ada Lovelace" });
  const api = apiClient(request, await seedToken(user.id));
  const res = await api.post("/orders", { customerId, description, amount, currency: "EUR" });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

// The order's own event (its acknowledgments to the provider are events too).
const eventsOf = async (orderId: string) =>
  sql<{ status: string }>(`SELECT status FROM "OutboxEvent" WHERE "aggregateId" = $1 AND topic = 'order.placed'`, [orderId]);

test("an order's delivery shows as a timeline that updates by itself, up to the shipment", async ({ page, user }) => {
  await page.goto("/");
  const orderId = await placeOrder(page.request, user, "Analytical engine parts", "120.00");
  await page.goto(`/orders/${orderId}`);
  const delivery = page.getByRole("region", { name: "Delivery" });
  await expect(delivery.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 15_000 });
  const steps = delivery.getByRole("list", { name: "Delivery steps" }).getByRole("listitem");
  // Plain words for a routine delivery, and IDs short, with a button that copies them whole.
  await expect(steps.filter({ hasText: "Saved, waiting to be sent" })).toHaveCount(1);
  await expect(steps.filter({ hasText: "The provider took the order" })).toHaveCount(1);
  await expect(steps.filter({ has: page.getByText("Shipped", { exact: true }) })).toHaveCount(1);
  await expect(delivery).not.toContainText("out of date");
  const [event] = await sql<{ shipmentId: string }>(`SELECT "shipmentId" FROM "OutboxEvent" WHERE "aggregateId" = $1 AND topic = 'order.placed'`, [orderId]);
  const summary = delivery.getByRole("status");
  await expect(summary).toHaveText(`Shipped: shipment …${event.shipmentId.slice(-8)} Copy.`);
  await expect(delivery).not.toContainText(event.shipmentId);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await summary.getByRole("button", { name: "Copy the shipment ID" }).click();
  await expect(summary.getByRole("button", { name: "Copy the shipment ID" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(event.shipmentId);
  expect(await shipmentsOf(orderId)).toBe(1);
  expect(await eventsOf(orderId)).toEqual([{ status: "confirmed" }]);

  const api = apiClient(page.request, await seedToken(user.id));
  const body = await (await api.get(`/orders/${orderId}`)).json();
  expect(body.fulfilment).toMatchObject({ status: "confirmed", shipmentId: event.shipmentId, attempts: 1, lastError: null });
});

test("the switch off: orders save and wait, the provider receives nothing; on: each arrives once", async ({ page, user }) => {
  await page.goto("/integrations");
  const toggle = page.getByRole("switch", { name: "Fulfilment provider" });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(page.getByRole("switch", { name: "Fulfilment provider" })).not.toBeChecked();
  await expect(page.getByRole("listitem").filter({ hasText: /^Off\s+By you/ })).toBeVisible();

  const first = await placeOrder(page.request, user, "Brass gears", "30.00");
  const second = await placeOrder(page.request, user, "Punched cards", "12.00");
  await page.goto(`/orders/${first}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Paused");
  await expect(page.getByText("Paused: the Fulfilment provider switch is off.")).toBeVisible();
  // Dispatch rounds run every 100 ms here: give them a second to (not) send anything.
  await page.waitForTimeout(1_000);
  expect(await shipmentsOf(first)).toBe(0);
  expect(await eventsOf(first)).toEqual([{ status: "pending" }]);

  await page.goto("/integrations");
  await expect(page.getByText("2 deliveries, oldest since")).toBeVisible();
  await page.getByRole("switch", { name: "Fulfilment provider" }).click();
  await expect(page.getByRole("switch", { name: "Fulfilment provider" })).toBeChecked();
  await page.goto(`/orders/${first}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 15_000 });
  await expect.poll(() => shipmentsOf(second), { timeout: 15_000 }).toBe(1);
  expect(await shipmentsOf(first)).toBe(1);
  // Other tests' orders may have gone meanwhile, but none of this user's while paused.
  const [{ n }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "OutboxLog" l JOIN "OutboxEvent" e ON e.id = l."eventId" WHERE e."ownerId" = $1 AND l.at < (SELECT max("changedAt") FROM "FeatureFlagChange" WHERE scope = $2)`,
    [user.id, user.id],
  );
  expect(n, "no delivery step of this user's orders before the switch came back on").toBe(0);
});

test("an incompatible provider release fails deliveries; fixed through the fault controls, Retry all failed ships each once", async ({
  page,
  user,
  operatorPage,
}) => {
  await operatorPage.goto("/integrations");
  const sandbox = operatorPage.getByRole("region", { name: "Sandbox provider faults" });
  await sandbox.getByLabel("Incompatible release").check();
  await sandbox.getByRole("button", { name: "Apply faults" }).click();
  await expect(operatorPage.getByText("Sandbox faults applied.")).toBeVisible();

  const a = await placeOrder(page.request, user, "Difference engine", "900.00");
  const b = await placeOrder(page.request, user, "Bernoulli tables", "45.00");
  await expect.poll(async () => [...(await eventsOf(a)), ...(await eventsOf(b))].map((e) => e.status), { timeout: 15_000 }).toEqual(["failed", "failed"]);

  await page.goto(`/orders/${a}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Failed");
  await expect(page.getByText(/Gave up after 1 attempt: the provider answered 400/)).toBeVisible();

  await page.goto("/integrations");
  const failed = page.getByRole("region", { name: /Failed deliveries/ });
  await expect(failed.getByRole("row")).toHaveCount(3);
  await operatorPage.goto("/integrations");
  await sandbox.getByLabel("Incompatible release").uncheck();
  await sandbox.getByRole("button", { name: "Apply faults" }).click();
  await expect(operatorPage.getByText("Sandbox faults applied.")).toBeVisible();
  await failed.getByRole("button", { name: "Retry all failed" }).click();
  await expect(page.getByText("2 deliveries queued again.")).toBeVisible();
  await expect.poll(async () => [await shipmentsOf(a), await shipmentsOf(b)], { timeout: 15_000 }).toEqual([1, 1]);
  await page.goto(`/orders/${b}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 15_000 });
  await expect(page.getByRole("listitem").filter({ hasText: "Sent again on request" })).toHaveCount(1);
});

test("the fault controls validate like every form: a rate past 1 is named at its field and nothing is applied", async ({ operatorPage }) => {
  await operatorPage.goto("/integrations");
  const sandbox = operatorPage.getByRole("region", { name: "Sandbox provider faults" });
  await sandbox.getByLabel("Failure rate").fill("2");
  await sandbox.getByLabel("Latency (ms)").focus(); // leaving the field says what is wrong
  await expect(sandbox.getByText("Failure rate is at most 1")).toBeVisible();
  await sandbox.getByRole("button", { name: "Apply faults" }).click();
  await expect(sandbox.getByLabel("Failure rate")).toBeFocused();
  await expect(operatorPage).not.toHaveURL(/faults=saved/);
  expect((await readFaults()).failureRate).toBe(0);
});

test("the sandbox's faults are an operator's: others see them read-only, and a forced submit changes nothing", async ({ page, user }) => {
  expect(user.email, "signed in as an ordinary user").not.toBe(OPERATOR_EMAIL);
  await page.goto("/integrations");
  const sandbox = page.getByRole("region", { name: "Sandbox provider faults" });
  await expect(sandbox.getByText("only an operator (listed in ADMIN_EMAILS) can change them")).toBeVisible();
  await expect(sandbox.getByLabel("Down (refuses every call)")).toBeDisabled();
  await expect(sandbox.getByRole("button", { name: "Apply faults" })).toHaveCount(0);
  // Take the disabled state off in the page and post anyway, as a crafted request would.
  await sandbox.locator("fieldset").evaluate((f: HTMLFieldSetElement) => {
    f.disabled = false;
  });
  await sandbox.getByLabel("Down (refuses every call)").check();
  await sandbox.locator("form").evaluate((f: HTMLFormElement) => f.requestSubmit());
  await expect(page.getByRole("alert").filter({ hasText: "only an operator can change the sandbox's faults" })).toBeVisible();
  expect((await readFaults()).down, "the provider is still up for everyone").toBe(false);
});

test("the provider's callbacks: each applied once and counted on /integrations; forged, stale and unsigned ones refused", async ({ page, user }) => {
  const orderId = await placeOrder(page.request, user, "Difference engine cogs", "75.00");
  await expect.poll(async () => (await eventsOf(orderId)).map((e) => e.status), { timeout: 15_000 }).toEqual(["confirmed"]);
  // The provider re-sends its result until we acknowledge it: wait for that, then count.
  await expect
    .poll(
      async () =>
        (await sql<{ status: string }>(`SELECT status FROM "OutboxEvent" WHERE "aggregateId" = $1 AND topic = 'operation.ack'`, [orderId])).map(
          (e) => e.status,
        ),
      { timeout: 15_000 },
    )
    .toEqual(["confirmed"]);
  const messages = await sql<{ type: string; outcome: string }>(`SELECT type, outcome FROM "InboxMessage" WHERE "aggregateId" = $1 ORDER BY type`, [orderId]);
  expect(messages.map((m) => m.type)).toEqual(["operation.processing", "operation.succeeded"]);
  const [{ confirmations }] = await sql<{ confirmations: number }>(
    `SELECT count(*)::int AS confirmations FROM "OutboxLog" l JOIN "OutboxEvent" e ON e.id = l."eventId" WHERE e."aggregateId" = $1 AND l.kind = 'confirmed' AND e.topic = 'order.placed'`,
    [orderId],
  );
  expect(confirmations).toBe(1);

  await page.goto("/integrations");
  const callbacks = page.getByRole("region", { name: "Callbacks from the provider" });
  await expect(callbacks.getByText("Received", { exact: true })).toBeVisible();
  await expect(callbacks.getByRole("list").first().getByRole("link", { name: "order" }).first()).toHaveAttribute("href", /\/orders\//);

  // No session and no valid signature: refused, and the reason is all it says.
  const body = JSON.stringify({
    type: "operation.succeeded",
    timestamp: new Date().toISOString(),
    data: { operationId: crypto.randomUUID(), idempotencyKey: crypto.randomUUID(), orderId, shipmentId: "forged", reason: null },
  });
  const now = Math.floor(Date.now() / 1000);
  const { webhookSecret } = JSON.parse(readFileSync(".data/e2e/provider-credentials.json", "utf8"));
  const post = (headers: Record<string, string>) =>
    page.request.fetch("/api/webhooks/provider", { method: "POST", headers: { "content-type": "application/json", ...headers }, data: body, maxRedirects: 0 });
  const attempts = {
    unsigned: await post({}),
    forged: await post({ ...sign(["whsec_" + Buffer.from("not the secret at all, 32 bytes").toString("base64")], "msg_forged", now, body) }),
    stale: await post({ ...sign([webhookSecret], "msg_stale", now - 3 * 60 * 60, body) }),
  };
  for (const [name, res] of Object.entries(attempts)) {
    expect(res.status(), name).toBe(401);
    expect(await res.json(), name).toEqual({ error: name === "stale" ? "stale timestamp" : "invalid signature" });
  }
  const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "InboxMessage" WHERE "messageId" IN ('msg_forged', 'msg_stale')`);
  expect(n).toBe(0);
  await page.reload();
  await expect(callbacks.getByText("stale timestamp").first()).toBeVisible();
});

// The Integration Lab (/lab, "Integration").
const orderForm = (page: Page) => page.getByRole("form", { name: "Lab order" });

/** The Lab's order form as the kit sees it; `id()` is the order the last `open` prepared. */
function labOrderTarget(page: Page, user: TestUser): CountedForm & { id: () => string } {
  let id = "";
  return {
    page,
    form: orderForm(page),
    open: async () => {
      await page.goto("/lab");
      id = await orderForm(page).locator('input[name="id"]').inputValue();
    },
    countRecords: async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE "ownerId" = $1`, [user.id]))[0].n,
    isSubmit: (request) => request.method() === "POST" && new URL(request.url()).pathname === "/lab" && request.postData()?.includes("description") === true,
    submitButton: page.getByRole("button", { name: "Place order" }),
    id: () => id,
  };
}

async function placeLabOrder(page: Page, user: TestUser): Promise<string> {
  const target = labOrderTarget(page, user);
  await target.open();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Integration" })).toBeVisible();
  await page.waitForURL(/integration=/);
  return target.id();
}

const orderStep = (orderId: string, kind: string) =>
  sql<{ detail: string }>(
    `SELECT l.detail FROM "OutboxLog" l JOIN "OutboxEvent" e ON e.id = l."eventId" WHERE e."aggregateId" = $1 AND e.topic = 'order.placed:lab' AND l.kind = $2 ORDER BY l.id`,
    [orderId, kind],
  );
const eventStatus = async (orderId: string) =>
  (await sql<{ status: string }>(`SELECT status FROM "OutboxEvent" WHERE "aggregateId" = $1 AND topic = 'order.placed:lab'`, [orderId]))[0]?.status;
const ackDone = async (orderId: string) =>
  (
    await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxEvent" WHERE "aggregateId" = $1 AND topic = 'operation.ack' AND status = 'confirmed'`, [
      orderId,
    ])
  )[0].n;
const orderExists = async (orderId: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE id = $1`, [orderId]))[0].n === 1;
const panelRow = (page: Page, orderId: string) => page.locator(`[data-testid="lab-order"][data-order-id="${orderId}"]`);

test("the Lab order form checks its description with the server's schema and places nothing until it is valid", async ({ page, user }) => {
  const target = labOrderTarget(page, user);
  await target.open();
  await expect(page.locator("form[data-hydrated]")).toHaveCount(1); // the page has hydrated: the browser checks first
  const description = orderForm(page).getByLabel("Description");
  await description.fill("");
  await page.getByRole("button", { name: "Place order" }).focus(); // leaving the field checks it
  await expect(orderForm(page).getByText("Enter description.")).toBeVisible();
  await page.keyboard.press("Enter"); // submitting anyway is refused in the browser, and the field gets focus
  await expect(description).toBeFocused();
  await description.fill("Box of cogs");
  await expect(orderForm(page).getByText("Enter description.")).toBeHidden(); // checked again as it is typed
  expect(await target.countRecords()).toBe(0);
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(/integration=placed/);
  expect(await target.countRecords()).toBe(1);
});

test("all protections on: a failed save sends nothing, a lost answer and doubled callbacks still make one shipment and one of each event, a forgery is refused", async ({
  page,
  user,
}) => {
  // Two Lab orders, five switches and a lost answer the sandbox holds for 3 s: 32 s on a loaded CI
  // machine once, so 30 s was too tight for a test whose waits are each bounded below.
  test.setTimeout(60_000);
  await setLabSwitch(page, "Fail the save after sending", true);
  const rolledBack = await placeLabOrder(page, user);
  await expect(page.getByText("“Fail the save after sending” kept the order from being saved.")).toBeVisible();
  expect(await orderExists(rolledBack)).toBe(false);

  await setLabSwitch(page, "Fail the save after sending", false);
  await setLabSwitch(page, "Lose the provider’s answer", true);
  await setLabSwitch(page, "Duplicate callbacks", true);
  const orderId = await placeLabOrder(page, user);
  await expect.poll(() => eventStatus(orderId), { timeout: 15_000 }).toBe("confirmed");
  await expect.poll(() => ackDone(orderId), { timeout: 15_000 }).toBe(1);
  expect(await shipmentsOf(orderId)).toBe(1);
  expect(await shipmentsOf(rolledBack), "the rolled-back order never left").toBe(0);
  // Callbacks travel on their own: the lost answer's retry can confirm the order before they land.
  const repeats = async () =>
    (await sql<{ n: number }>(`SELECT coalesce(sum(repeats), 0)::int AS n FROM "InboxMessage" WHERE "aggregateId" = $1`, [orderId]))[0].n;
  await expect.poll(repeats, { message: "the copies were counted as repeats", timeout: 15_000 }).toBeGreaterThan(0);
  const reported = (await orderStep(orderId, "provider")).map((s) => s.detail.replace(/ \(out of date.*$/, ""));
  expect(reported.length).toBeGreaterThan(0);
  expect(new Set(reported).size, "each provider event shown once, though each came twice").toBe(reported.length);
  expect(await orderStep(orderId, "confirmed")).toHaveLength(1);

  await page.goto("/lab");
  await expect(panelRow(page, orderId).getByTestId("shipments")).toHaveText("1");
  await expect(panelRow(page, orderId).getByTestId("problem")).toHaveCount(0);
  await page.getByRole("button", { name: "Send forged callback" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Forged callback refused" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Forged callbacks" }).getByText("Forged callback refused (401)")).toBeVisible();
  const [{ shipmentId }] = await sql<{ shipmentId: string }>(`SELECT "shipmentId" FROM "Order" WHERE id = $1`, [orderId]);
  expect(shipmentId).not.toMatch(/^forged-/);
});

test("Transactional outbox off: the order is sent inside the request, the save fails, and the provider ships an order that does not exist", async ({
  page,
  user,
}) => {
  await setLabSwitch(page, "Transactional outbox", false);
  await setLabSwitch(page, "Fail the save after sending", true);
  const orderId = await placeLabOrder(page, user);
  expect(await orderExists(orderId)).toBe(false);
  await expect.poll(() => shipmentsOf(orderId), { timeout: 10_000 }).toBe(1);
  await expect(panelRow(page, orderId).getByTestId("problem")).toHaveText("Shipped, but the order does not exist here");
});

test("Idempotency key to provider off: the retry after a lost answer makes a second shipment", async ({ page, user }) => {
  await setLabSwitch(page, "Idempotency key to provider", false);
  await setLabSwitch(page, "Lose the provider’s answer", true);
  const orderId = await placeLabOrder(page, user);
  await expect.poll(() => shipmentsOf(orderId), { timeout: 15_000 }).toBe(2);
  await expect(panelRow(page, orderId).getByTestId("problem")).toHaveText("2 shipments for one order");
});

test("Inbox deduplication off: each duplicated callback is applied twice, and the timeline shows the provider's events twice", async ({ page, user }) => {
  await setLabSwitch(page, "Inbox deduplication", false);
  await setLabSwitch(page, "Duplicate callbacks", true);
  const orderId = await placeLabOrder(page, user);
  await expect.poll(() => eventStatus(orderId), { timeout: 15_000 }).toBe("confirmed");
  await expect
    .poll(async () => (await orderStep(orderId, "provider")).filter((s) => s.detail.startsWith("shipped")).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(panelRow(page, orderId).getByTestId("problem")).toHaveText("A provider event was applied twice");
  await page.goto(`/orders/${orderId}`);
  const shippedSteps = page.getByRole("list", { name: "Delivery steps" }).getByRole("listitem").filter({ hasText: "The provider reports it shipped" });
  await expect.poll(() => shippedSteps.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
});

test("Signature check off: a forged callback is accepted, and an order never sent shows a shipment that never existed", async ({ page, user }) => {
  // The order waits behind the workspace's switch, so only the forgery can say it shipped.
  await page.goto("/integrations");
  await page.getByRole("switch", { name: "Fulfilment provider" }).click();
  await expect(page.getByRole("switch", { name: "Fulfilment provider" })).not.toBeChecked();
  await setLabSwitch(page, "Signature check", false);
  const orderId = await placeLabOrder(page, user);
  await page.getByRole("button", { name: "Send forged callback" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Forged callback accepted" })).toBeVisible();
  const [{ shipmentId }] = await sql<{ shipmentId: string | null }>(`SELECT "shipmentId" FROM "Order" WHERE id = $1`, [orderId]);
  expect(shipmentId).toMatch(/^forged-/);
  expect(await eventStatus(orderId)).toBe("confirmed");
  expect(await shipmentsOf(orderId), "the provider never received it").toBe(0);
});

test("the kit's expectOneEffectDownstream passes with the protections on and names the missing one with each off", async ({ page, user }) => {
  test.setTimeout(90_000); // three runs, each waiting for the provider's count to settle
  const target = labOrderTarget(page, user);
  // Longer than the 3 s the sandbox takes over an order whose first answer it lost.
  const shipments = { count: () => shipmentsOf(target.id()), settleMs: 5_000 };
  await setLabSwitch(page, "Lose the provider’s answer", true);
  await expectOneEffectDownstream(target, shipments);

  await setLabSwitch(page, "Idempotency key to provider", false);
  await expect(expectOneEffectDownstream(target, shipments)).rejects.toThrow(/idempotency key to the other system is missing: one saved record made 2 effects/);
  await setLabSwitch(page, "Idempotency key to provider", true);
  await setLabSwitch(page, "Lose the provider’s answer", false);

  await setLabSwitch(page, "Transactional outbox", false);
  await setLabSwitch(page, "Fail the save after sending", true);
  await expect(expectOneEffectDownstream(target, shipments)).rejects.toThrow(
    /transactional outbox is missing: the save did not happen, but the other system received it 1 time/,
  );
  await setLabSwitch(page, "Fail the save after sending", false);
  await setLabSwitch(page, "Transactional outbox", true);
});

test("Lab orders are marked and kept out of the real lists, and Clear Lab data removes them and nothing real", async ({ page, user }) => {
  const realCustomer = await seedCustomer(user.id, { name: "Edsger Dijkstra" });
  const orderId = await placeLabOrder(page, user);
  const labDescription = (await sql<{ description: string }>(`SELECT description FROM "Order" WHERE id = $1`, [orderId]))[0].description;

  await page.goto("/orders");
  await expect(page.getByText("0 orders")).toBeVisible();
  await expect(page.getByRole("link", { name: labDescription })).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "Edsger Dijkstra" })).toBeVisible();
  await expect(page.getByText("Duplicate Lab customer")).toHaveCount(0);

  await page.goto("/orders?lab=1");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: labDescription }) });
  await expect(row.getByText("Lab", { exact: true })).toBeVisible();
  await row.getByRole("link", { name: labDescription }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Lab", { exact: true })).toBeVisible();

  await page.goto("/lab#lab-data");
  const section = page.getByRole("region", { name: "Lab data" });
  await expect(section.getByText(/The Lab keeps 1 order/)).toBeVisible();
  await section.getByRole("button", { name: "Clear Lab data" }).click();
  await expect(section.getByText("Removed 1 Lab order and 0 tickets.")).toBeVisible();
  await expect(section.getByRole("button", { name: "Clear Lab data" })).toBeDisabled();
  const count = async (table: string, column: string, value: string) =>
    (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`, [value]))[0].n;
  expect(await count("Order", "id", orderId)).toBe(0);
  expect(await count("OutboxEvent", "aggregateId", orderId)).toBe(0);
  expect(await count("Customer", "id", realCustomer)).toBe(1);
});
