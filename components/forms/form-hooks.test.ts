// The logic of two hooks every duplicate-safe form shares, without a browser: the submit lock
// (components/forms/use-submit-lock.ts) and the save outcome (use-save-outcome.ts). The third,
// the browser-made ID in the URL, is tested beside it (components/forms/draft.test.ts).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IDLE, type FormState } from "@/lib/forms/form-state.ts";
import { INITIAL_OUTCOME, saveOutcome, type SaveEvent } from "./save-outcome.ts";
import { createSubmitLock } from "./submit-lock.ts";

describe("submit lock", () => {
  test("ten submits in one task: one gets through; after release, the next one does", () => {
    const lock = createSubmitLock();
    const passed = Array.from({ length: 10 }, () => lock.take()).filter(Boolean);
    assert.equal(passed.length, 1);
    assert.equal(lock.held, true);
    lock.release();
    assert.equal(lock.take(), true);
  });
});

const run = (...events: SaveEvent[]) => events.reduce(saveOutcome, INITIAL_OUTCOME);
const duplicate: FormState = { status: "possible-duplicate", matches: [], values: { id: "a" } };

describe("save outcome", () => {
  test("a lost answer offers Try again and keeps nothing else; the retry's answer replaces it", () => {
    assert.deepEqual(run({ type: "submit" }, { type: "lost" }), { answer: null, phase: "network-error", confirmed: "" });
    const saved = run({ type: "submit" }, { type: "lost" }, { type: "submit" }, { type: "answered", result: IDLE });
    assert.deepEqual(saved, { answer: IDLE, phase: "idle", confirmed: "" });
  });

  test("Save anyway sends the matches seen and keeps the dialog up while saving; the answer clears them", () => {
    const asked = run({ type: "submit" }, { type: "answered", result: duplicate });
    const saving = [{ type: "save-anyway", matchIds: ["m1", "m2"] } as const, { type: "submit" } as const].reduce(saveOutcome, asked);
    assert.deepEqual(saving, { answer: duplicate, phase: "saving", confirmed: "m1,m2" });
    assert.equal(saveOutcome(saving, { type: "answered", result: IDLE }).confirmed, "");
  });

  test("Cancel closes the dialog and forgets the matches; a browser-side error sends nothing and unlocks", () => {
    assert.deepEqual(run({ type: "submit" }, { type: "answered", result: duplicate }, { type: "save-anyway", matchIds: ["m"] }, { type: "cancel-duplicate" }), {
      answer: IDLE,
      phase: "idle",
      confirmed: "",
    });
    assert.equal(run({ type: "submit" }, { type: "stopped" }).phase, "idle");
  });

  test("a new form starts clean", () => {
    assert.deepEqual(run({ type: "submit" }, { type: "lost" }, { type: "reset" }), { answer: IDLE, phase: "idle", confirmed: "" });
  });
});
