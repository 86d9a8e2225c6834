import assert from "node:assert/strict";
import { test } from "node:test";
import { describeStep } from "./describe-step.ts";
import type { FulfilmentStep } from "./status.ts";

const OP = "01a2464d-ab7d-727a-a246-f961940dc3fa";
const SHIP = "01a2464d-abf6-75ee-9ee4-81fc3d07a22c";
const step = (kind: FulfilmentStep["kind"], detail: string | null): FulfilmentStep => ({ kind, at: "2026-12-05T13:03:45.000Z", attempt: 1, detail });

test("a routine delivery reads as what happened to the order, with its IDs apart", () => {
  assert.deepEqual(describeStep(step("queued", null)), { title: "Saved, waiting to be sent", note: null, ids: [] });
  assert.deepEqual(describeStep(step("acknowledged", `operation ${OP}`)), {
    title: "The provider took the order",
    note: null,
    ids: [{ label: "operation", id: OP }],
  });
  assert.deepEqual(describeStep(step("provider", `processing (operation ${OP}) (out of date: nothing changed)`)), {
    title: "The provider is preparing it",
    note: "arrived after a newer update, so it changed nothing",
    ids: [{ label: "operation", id: OP }],
  });
  assert.deepEqual(describeStep(step("provider", `shipped: shipment ${SHIP}`)), {
    title: "The provider reports it shipped",
    note: null,
    ids: [{ label: "shipment", id: SHIP }],
  });
  assert.deepEqual(describeStep(step("confirmed", `shipment ${SHIP} (the provider's callback)`)), {
    title: "Shipped",
    note: "as the provider's callback said",
    ids: [{ label: "shipment", id: SHIP }],
  });
});

test("a delivery sent again says who asked", () => {
  assert.deepEqual(describeStep(step("requeued", "requeued by ada@example.com")), {
    title: "Sent again on request",
    note: "asked by ada@example.com",
    ids: [],
  });
});

test("failures keep their reason, without IDs in it", () => {
  assert.deepEqual(describeStep(step("retrying", "HTTP 503 from the provider")), {
    title: "Could not reach the provider; trying again",
    note: "HTTP 503 from the provider",
    ids: [],
  });
  assert.equal(describeStep(step("failed", `the provider has no record of the operation ${OP}`)).note, "the provider has no record of the operation");
  assert.equal(describeStep(step("provider", "could not ship: address unknown")).title, "The provider could not ship it: address unknown");
});
