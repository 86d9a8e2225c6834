// The browser-made ID kept in the URL with what was sent under it (draft.ts, used by
// use-draft-id.ts), without a browser: a stand-in window and sessionStorage.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

describe("draft ID", () => {
  // The browser's URL, history and sessionStorage, as far as draft.ts uses them.
  const store = new Map<string, string>();
  const page = { href: "http://app.test/customers/new" };
  Object.assign(globalThis, {
    window: { location: page, history: { state: null, replaceState: (_: unknown, __: string, url: URL) => (page.href = String(url)) } },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
  });

  test("a new form gets a new ID in the URL; Back (the same URL) adopts it with what was sent", async () => {
    const { adoptDraftId, rememberSent, rememberTyped } = await import("./draft.ts");
    const first = adoptDraftId();
    assert.equal(new URL(page.href).searchParams.get("draft"), first.id);
    assert.deepEqual([first.sent, first.typed], [null, null]);
    rememberTyped(first.id, { id: first.id, name: "Ada" });
    assert.deepEqual(adoptDraftId(), { id: first.id, sent: null, typed: { id: first.id, name: "Ada" } }, "a reload gives back what was typed");
    rememberSent(first.id, { id: first.id, name: "Ada Lovelace" });
    assert.deepEqual(
      adoptDraftId(),
      { id: first.id, sent: { id: first.id, name: "Ada Lovelace" }, typed: null },
      "Back after sending gives back what was sent",
    );
  });

  test("starting a new form replaces the ID; an ID that is not a UUID is never adopted", async () => {
    const { adoptDraftId, replaceDraftId } = await import("./draft.ts");
    const before = adoptDraftId().id;
    const next = replaceDraftId();
    assert.notEqual(next, before);
    assert.equal(adoptDraftId().id, next);
    page.href = "http://app.test/customers/new?draft=not-a-uuid";
    assert.notEqual(adoptDraftId().id, "not-a-uuid");
  });
});
