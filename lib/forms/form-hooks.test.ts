// The logic of the three hooks every duplicate-safe form shares, without a browser: the submit
// lock (components/forms/use-submit-lock.ts), the save outcome (use-save-outcome.ts) and the
// browser-made ID kept in the URL with what was sent under it (use-draft-id.ts, draft.ts).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IDLE, type FormState } from "./form-state.ts";
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

describe("draft ID", () => {
  // The browser's URL, history and sessionStorage, as far as draft.ts uses them.
  const store = new Map<string, string>();
  const page = { href: "http://app.test/customers/new" };
  Object.assign(globalThis, {
    window: { location: page, history: { state: null, replaceState: (_: unknown, __: string, url: URL) => (page.href = String(url)) } },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
  });

  test("a new form gets a new ID in the URL; Back (the same URL) adopts it with what was sent", async () => {
    const { adoptDraftId, rememberSent, rememberTyped } = await import("../../components/forms/draft.ts");
    const first = adoptDraftId();
    assert.equal(new URL(page.href).searchParams.get("draft"), first.id);
    assert.deepEqual([first.sent, first.typed], [null, null]);
    rememberTyped(first.id, { id: first.id, name: "Ada" });
    assert.deepEqual(adoptDraftId(), { id: first.id, sent: null, typed: { id: first.id, name: "Ada" } }, "a reload gives back what was typed");
    rememberSent(first.id, { id: first.id, name: "Ada Lovelace" });
    assert.deepEqual(adoptDraftId(), { id: first.id, sent: { id: first.id, name: "Ada Lovelace" }, typed: null }, "Back after sending gives back what was sent");
  });

  test("starting a new form replaces the ID; an ID that is not a UUID is never adopted", async () => {
    const { adoptDraftId, replaceDraftId } = await import("../../components/forms/draft.ts");
    const before = adoptDraftId().id;
    const next = replaceDraftId();
    assert.notEqual(next, before);
    assert.equal(adoptDraftId().id, next);
    page.href = "http://app.test/customers/new?draft=not-a-uuid";
    assert.notEqual(adoptDraftId().id, "not-a-uuid");
  });
});
