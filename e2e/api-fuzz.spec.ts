// 1,000 generated malformed create requests: none may answer 5xx, and none may write a row.
// Each request is a valid body with one thing broken (a field, the key, the JSON, the content
// type), so every one of them must be refused. The generator is seeded: a failure replays.
import { randomUUID } from "node:crypto";
import { test, expect } from "@playwright/test";
import { newId } from "../lib/ids.ts";
import { apiClient, seedToken, writtenRows } from "./support/api.ts";
import { seedUser } from "./support/fixtures.ts";
import { seedCustomer } from "./support/seed.ts";

const REQUESTS = 1000;
const SEED = 20261122;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAD_VALUES: Record<string, unknown[]> = {
  name: [null, 0, true, "", "   ", "x".repeat(201), ["Ada"], { first: "Ada" }, "Ada\u0000Lovelace", "tab\tname", "line\nbreak"],
  email: ["not-an-email", "a@", 5, false, ["a@b.co"], "x".repeat(255) + "@example.com"],
  phone: ["call me", "12", 5551234, "+1 (555) 12\u0007"],
  company: [5, "x".repeat(201), { name: "Inc" }],
  id: ["not-a-uuid", 42, "", "00000000-0000-0000-0000-00000000000g", null],
  confirmDuplicateOf: ["x", [1], ["not-a-uuid"], Array(51).fill("01890a5d-ac96-774b-bcce-b302099a8057"), {}],
  customerId: ["nope", null, 7, "", "01890a5d-ac96-774b-bcce-b302099a80zz"],
  description: ["", "x".repeat(501), 12, null, "bad\u0001char"],
  amount: ["0", "0.00", "-1", "1000000.01", "1.234", "abc", "", "1e5", 19.99, null, "١٢٣", "12,34.5.6"],
  currency: ["XXX", "usd", 1, null, ""],
};
const UNKNOWN_FIELDS = ["__proto__x", "nickname", "amountMinor", "ownerId", "createdAt"];
const BAD_JSON = ["{", '{"name":}', "[1,", "nul", "'single'", '{"name": "a",}', "\u0000"];

test(`${REQUESTS} malformed requests: no 5xx, no rows written`, async ({ request }) => {
  test.setTimeout(180_000);
  // The rate limit is per user: spread the load over users so that it is the requests that are judged.
  const users = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const user = await seedUser();
      const customerId = await seedCustomer(user.id, { name: `Fuzz ${randomUUID()}` });
      return { user, customerId, client: apiClient(request, await seedToken(user.id)), before: await writtenRows(user.id) };
    }),
  );
  const random = prng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

  const cases = Array.from({ length: REQUESTS }, (_, i) => {
    const { customerId } = users[i % users.length];
    const orders = random() < 0.5;
    const valid: Record<string, unknown> = orders
      ? { id: newId(), customerId, description: `Fuzz order ${i}`, amount: "19.99", currency: "USD" }
      : { id: newId(), name: `Fuzz Person ${i} ${randomUUID().slice(0, 6)}`, email: `fuzz${i}@example.org` };
    const path = orders ? "/orders" : "/customers";
    const kind = pick(["field", "field", "field", "unknown", "json", "type", "key", "notObject"] as const);
    const fields = orders
      ? ["id", "customerId", "description", "amount", "currency", "confirmDuplicateOf"]
      : ["id", "name", "email", "phone", "company", "confirmDuplicateOf"];
    switch (kind) {
      case "field": {
        const field = pick(fields);
        return { path, body: { ...valid, [field]: pick(BAD_VALUES[field]) } };
      }
      case "unknown":
        return { path, body: { ...valid, [pick(UNKNOWN_FIELDS)]: pick([1, "x", null, {}]) } };
      case "json":
        return { path, body: pick(BAD_JSON) };
      case "type":
        return {
          path,
          body: JSON.stringify(valid),
          headers: { "content-type": pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) },
        };
      case "key":
        return { path, body: valid, key: pick([null, "", "k".repeat(256), "naïve-key", '"unterminated']) };
      case "notObject":
        return { path, body: JSON.stringify(pick([[valid], "a string", 42, null, true])) };
    }
  });

  const statuses = new Map<number, number>();
  for (let i = 0; i < cases.length; i += 25) {
    const batch = cases.slice(i, i + 25);
    const responses = await Promise.all(
      batch.map((c, j) => users[(i + j) % users.length].client.post(c.path, c.body, { key: c.key === undefined ? randomUUID() : c.key, headers: c.headers })),
    );
    for (const [j, response] of responses.entries()) {
      statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
      expect(response.status(), `case ${i + j}: ${JSON.stringify(batch[j]).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(response.status(), `case ${i + j}: ${JSON.stringify(batch[j]).slice(0, 300)}`).toBeLessThan(500);
      expect(response.headers()["content-type"]).toContain("application/problem+json");
    }
  }
  console.log(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  expect(statuses.get(429) ?? 0, "every request was judged, none only rate-limited").toBe(0);
  for (const { user, before } of users) expect(await writtenRows(user.id)).toEqual(before);
});
