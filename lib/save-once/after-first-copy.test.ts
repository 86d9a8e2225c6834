import assert from "node:assert/strict";
import { test } from "node:test";
import { afterFirstCopy, firstCopiesRunning } from "./after-first-copy.ts";

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

test("copies wait for the first copy of their key to finish, then each runs; other keys do not wait", async () => {
  const events: string[] = [];
  const run = (name: string) => async () => {
    events.push(`${name} start`);
    await later();
    events.push(`${name} end`);
    return name;
  };
  const results = await Promise.all([
    afterFirstCopy("a", run("a1")),
    afterFirstCopy("a", run("a2")),
    afterFirstCopy("b", run("b1")),
    afterFirstCopy("a", run("a3")),
  ]);
  assert.deepEqual(results, ["a1", "a2", "b1", "a3"], "each copy gets its own answer");
  assert.deepEqual(events.slice(0, 2), ["a1 start", "b1 start"], "only the first of key a and key b start at once");
  assert.ok(events.indexOf("a2 start") > events.indexOf("a1 end"));
  assert.ok(events.indexOf("a3 start") > events.indexOf("a1 end"));
  assert.equal(firstCopiesRunning(), 0, "nothing is kept once the first copies finished");
});

test("when the first copy fails, the copies still run, and the failure reaches only the first", async () => {
  const first = afterFirstCopy("k", async () => {
    await later();
    throw new Error("database down");
  });
  const copy = afterFirstCopy("k", async () => "saved by the copy");
  await assert.rejects(first, /database down/);
  assert.equal(await copy, "saved by the copy");
  assert.equal(firstCopiesRunning(), 0);
});
