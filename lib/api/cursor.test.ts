import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "@/lib/ids.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { customerListQuery } from "./schemas.ts";

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

test("a cursor the API made decodes to the same position", () => {
  const position = { createdAt: new Date("2026-11-22T10:00:00.123Z"), id: newId() };
  assert.deepEqual(decodeCursor(encodeCursor(position)), position);
});

test("crafted cursors are refused: both parts are checked before any query sees them", () => {
  const id = newId();
  const crafted = [
    b64(["2020-01-01T00:00:00Z", "x"]), // the one that reached the database and answered 500
    b64(["2020-01-01T00:00:00Z", "' OR 1=1 --"]),
    b64(["not a date", id]),
    b64(["1900-01-01T00:00:00Z", id]),
    b64(["+275760-09-13T00:00:00Z", id]),
    b64([1577836800000, id]),
    b64(["2020-01-01T00:00:00Z", id, "extra"]),
    b64({ 0: "2020-01-01T00:00:00Z", 1: id }),
    b64("null"),
    b64("[]"),
    "garbage",
    "",
    b64(["2020-01-01T00:00:00Z", id]).repeat(10),
  ];
  for (const cursor of crafted) {
    assert.equal(decodeCursor(cursor), null, Buffer.from(cursor, "base64url").toString().slice(0, 80));
    assert.equal(customerListQuery.safeParse({ cursor }).success, false, "the query schema answers 400");
  }
});
