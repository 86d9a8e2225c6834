// The fulfilment provider integration in the browser: the order's delivery timeline, the kill
// switch, and batch retry, against the sandbox provider in its own process. Serial: the sandbox's
// faults are shared by everything that talks to it.
import { apiClient, seedToken } from "./support/api.ts";
import { sql } from "./support/db.ts";
import { expect, test, type TestUser } from "./support/fixtures.ts";
import { setFaults, shipmentsOf } from "./support/provider.ts";
import { seedCustomer } from "./support/seed.ts";
import type { APIRequestContext } from "@playwright/test";

test.describe.configure({ mode: "serial" });
test.afterEach(() => setFaults({ failureRate: 0, timeoutRate: 0, lostAckRate: 0, latencyMs: 0, down: false, incompatible: false }));

async function placeOrder(request: APIRequestContext, user: TestUser, description: string, amount: string): Promise<string> {
  const customerId = await seedCustomer(user.id, { name: "Ada Lovelace" });
  const api = apiClient(request, await seedToken(user.id));
  const res = await api.post("/orders", { customerId, description, amount, currency: "EUR" });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

const eventsOf = async (orderId: string) => sql<{ status: string }>(`SELECT status FROM "OutboxEvent" WHERE "aggregateId" = $1`, [orderId]);

test("an order's delivery shows as a timeline that updates by itself, up to the shipment", async ({ page, user }) => {
  await page.goto("/");
  const orderId = await placeOrder(page.request, user, "Analytical engine parts", "120.00");
  await page.goto(`/orders/${orderId}`);
  const delivery = page.getByRole("region", { name: "Delivery" });
  await expect(delivery.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 15_000 });
  const steps = delivery.getByRole("list", { name: "Delivery steps" }).getByRole("listitem");
  await expect(steps.filter({ hasText: "Queued" })).toHaveCount(1);
  await expect(steps.filter({ hasText: "Acknowledged by the provider" })).toHaveCount(1);
  await expect(steps.filter({ hasText: "Confirmed" })).toHaveCount(1);
  const [event] = await sql<{ shipmentId: string }>(`SELECT "shipmentId" FROM "OutboxEvent" WHERE "aggregateId" = $1`, [orderId]);
  await expect(delivery.getByText(`Shipped: shipment ${event.shipmentId}.`)).toBeVisible();
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
  const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxLog" l JOIN "OutboxEvent" e ON e.id = l."eventId" WHERE e."ownerId" = $1 AND l.at < (SELECT max("changedAt") FROM "FeatureFlagChange" WHERE scope = $2)`, [user.id, user.id]);
  expect(n, "no delivery step of this user's orders before the switch came back on").toBe(0);
});

test("an incompatible provider release fails deliveries; fixed through the fault controls, Retry all failed ships each once", async ({ page, user }) => {
  await page.goto("/integrations");
  const sandbox = page.getByRole("region", { name: "Sandbox provider faults" });
  await sandbox.getByLabel("Incompatible release").check();
  await sandbox.getByRole("button", { name: "Apply faults" }).click();
  await expect(page.getByText("Sandbox faults applied.")).toBeVisible();

  const a = await placeOrder(page.request, user, "Difference engine", "900.00");
  const b = await placeOrder(page.request, user, "Bernoulli tables", "45.00");
  await expect.poll(async () => [...(await eventsOf(a)), ...(await eventsOf(b))].map((e) => e.status), { timeout: 15_000 }).toEqual(["failed", "failed"]);

  await page.goto(`/orders/${a}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Failed");
  await expect(page.getByText(/Gave up after 1 attempt: the provider answered 400/)).toBeVisible();

  await page.goto("/integrations");
  const failed = page.getByRole("region", { name: /Failed deliveries/ });
  await expect(failed.getByRole("row")).toHaveCount(3);
  await sandbox.getByLabel("Incompatible release").uncheck();
  await sandbox.getByRole("button", { name: "Apply faults" }).click();
  await expect(page.getByText("Sandbox faults applied.")).toBeVisible();
  await failed.getByRole("button", { name: "Retry all failed" }).click();
  await expect(page.getByText("2 deliveries queued again.")).toBeVisible();
  await expect.poll(async () => [await shipmentsOf(a), await shipmentsOf(b)], { timeout: 15_000 }).toEqual([1, 1]);
  await page.goto(`/orders/${b}`);
  await expect(page.getByTestId("delivery-status")).toHaveText("Confirmed", { timeout: 15_000 });
  await expect(page.getByRole("listitem").filter({ hasText: "Queued again" })).toHaveCount(1);
});
