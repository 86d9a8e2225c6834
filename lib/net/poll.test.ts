import assert from "node:assert/strict";
import { test } from "node:test";
import { poll } from "./poll.ts";

/** A hand-driven clock and tab: `advance` runs what is due, `show`/`hide` flip the tab. */
function harness() {
  let now = 0;
  let pending: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 0;
  let hidden = false;
  const listeners = new Set<() => void>();
  return {
    timers: {
      set: (run: () => void, ms: number) => {
        const id = nextId++;
        pending.push({ at: now + ms, run, id });
        return id;
      },
      clear: (id: unknown) => void (pending = pending.filter((p) => p.id !== id)),
    },
    page: {
      hidden: () => hidden,
      onVisibilityChange: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)),
    },
    async advance(ms: number) {
      now += ms;
      for (const due of pending.filter((p) => p.at <= now)) {
        pending = pending.filter((p) => p !== due);
        due.run();
        await settle();
      }
    },
    setHidden(value: boolean) {
      hidden = value;
      for (const listener of listeners) listener();
    },
    pendingTimers: () => pending.length,
    listeners: () => listeners.size,
  };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
const unexpected = (error: unknown) => assert.fail(`unexpected error: ${String(error)}`);

test("asks once at a time, the next request an interval after the last answer", async () => {
  const h = harness();
  const answers: Array<(n: number) => void> = [];
  const seen: number[] = [];
  poll<number>({ load: () => new Promise((resolve) => answers.push(resolve)), intervalMs: 1000, immediately: true, onData: (n) => seen.push(n), onError: unexpected, ...h });
  assert.equal(answers.length, 1, "the first request goes at once");
  await h.advance(5000);
  assert.equal(answers.length, 1, "no second request while the first has no answer");
  answers[0](1);
  await settle();
  await h.advance(999);
  assert.equal(answers.length, 1);
  await h.advance(1);
  assert.equal(answers.length, 2);
  answers[1](2);
  await settle();
  assert.deepEqual(seen, [1, 2]);
});

test("a failed request is reported and asked again; data that is final ends the polling", async () => {
  const h = harness();
  let calls = 0;
  const errors: unknown[] = [];
  const seen: string[] = [];
  poll<string>({
    load: async () => {
      calls++;
      if (calls === 2) throw new Error("503");
      return calls < 3 ? "sending" : "confirmed";
    },
    intervalMs: 2000,
    immediately: false,
    until: (status) => status === "confirmed",
    onData: (s) => seen.push(s),
    onError: (e) => errors.push(e),
    ...h,
  });
  assert.equal(calls, 0, "rendered with current data: the first request waits an interval");
  for (let i = 0; i < 5; i++) await h.advance(2000);
  assert.equal(calls, 3);
  assert.equal(errors.length, 1);
  assert.deepEqual(seen, ["sending", "confirmed"]);
  assert.equal(h.pendingTimers(), 0, "nothing more scheduled");
  assert.equal(h.listeners(), 0, "no longer listening to the tab");
});

test("a hidden tab is not polled; showing it asks at once", async () => {
  const h = harness();
  let calls = 0;
  poll<number>({ load: async () => ++calls, intervalMs: 1000, immediately: true, onData: () => {}, onError: unexpected, ...h });
  await settle();
  assert.equal(calls, 1);
  h.setHidden(true);
  for (let i = 0; i < 10; i++) await h.advance(1000);
  assert.equal(calls, 1, "hidden: not asked");
  h.setHidden(false);
  await settle();
  assert.equal(calls, 2, "shown: asked at once");
  h.setHidden(false); // a second "visible" event does not start a second loop
  await h.advance(1000);
  assert.equal(calls, 3);
});

test("stopping aborts the request in flight and drops its answer", async () => {
  const h = harness();
  let signal: AbortSignal | undefined;
  let answer: ((n: number) => void) | undefined;
  const seen: number[] = [];
  const stop = poll<number>({
    load: (s) => ((signal = s), new Promise((resolve) => (answer = resolve))),
    intervalMs: 1000,
    immediately: true,
    onData: (n) => seen.push(n),
    onError: unexpected,
    ...h,
  });
  stop();
  assert.equal(signal?.aborted, true);
  answer?.(1);
  await settle();
  await h.advance(5000);
  assert.deepEqual(seen, []);
  assert.equal(h.pendingTimers(), 0);
});
