import assert from "node:assert/strict";
import { test } from "node:test";
import * as z from "zod/mini";
import { fieldErrorsOf, lazySchema } from "./lazy-schema.ts";

const nameSchema = z.object({ name: z.string().check(z.minLength(1, "Enter a name.")) });

test("loads the schema once, however many checks ask for it at the same time", async () => {
  let loads = 0;
  const lazy = lazySchema(async () => (loads++, nameSchema));
  lazy.prefetch();
  assert.equal(lazy.peek(), null, "not there until the fetch has answered");
  const results = await Promise.all([lazy.safeParse({ name: "" }), lazy.safeParse({ name: "Ada" }), fieldErrorsOf(lazy, { name: "" })]);
  assert.equal(loads, 1);
  assert.equal(lazy.peek(), nameSchema);
  assert.equal(results[0]?.success, false);
  assert.deepEqual(results[1]?.success && results[1].data, { name: "Ada" });
  assert.deepEqual(results[2], { name: "Enter a name." });
});

test("a schema that cannot be fetched lets the values through for the server to check, and is fetched again next time", async () => {
  let loads = 0;
  let online = false;
  const lazy = lazySchema(async () => {
    loads++;
    if (!online) throw new Error("offline");
    return nameSchema;
  });
  assert.equal(await lazy.safeParse({ name: "" }), null, "no verdict without the schema");
  assert.equal(await fieldErrorsOf(lazy, { name: "" }), null, "no field errors claimed either");
  assert.equal(lazy.peek(), null);
  online = true;
  assert.equal((await lazy.safeParse({ name: "" }))?.success, false, "checks once it arrives");
  assert.equal(loads, 3, "each check after a failed fetch tried again");
});
