// The JSON API over real HTTP against the production build: every status the API promises
// (a matrix), one key sent 50 times at once, 1,000 malformed requests, and two users kept apart.
// Each check counts rows in the database, not only what came back.
import { randomUUID } from "node:crypto";
import { test, expect } from "@playwright/test";
import { newId } from "../lib/ids.ts";
import { apiClient, seedToken, writtenRows, type ApiClient } from "./support/api.ts";
import { countRows, sql } from "./support/db.ts";
import { seedUser, type TestUser } from "./support/fixtures.ts";
import { seedCustomer } from "./support/seed.ts";
import { E2E_METRICS_TOKEN } from "./support/env.ts";

const problemType = (slug: string) => `/api/v1/problems/${slug}`;
const uniqueName = () => `Api ${randomUUID().slice(0, 8)} ${randomUUID().slice(0, 8)}`;

async function signedUpClient(request: Parameters<typeof apiClient>[0]): Promise<{ user: TestUser; api: ApiClient }> {
  const user = await seedUser();
  return { user, api: apiClient(request, await seedToken(user.id)) };
}

async function expectProblem(response: Awaited<ReturnType<ApiClient["get"]>>, status: number, slug: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ type: problemType(slug), status });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return body;
}

test.describe("authentication", () => {
  test("missing, malformed, unknown, expired and revoked tokens get 401 with WWW-Authenticate", async ({ request }) => {
    const user = await seedUser();
    const cases: Array<[string, Record<string, string>]> = [
      ["missing", {}],
      ["malformed", { authorization: "Token abc" }],
      ["unknown", { authorization: `Bearer ddk_${randomUUID()}` }],
      ["expired", { authorization: `Bearer ${await seedToken(user.id, { expiresInMs: -1000 })}` }],
      ["revoked", { authorization: `Bearer ${await seedToken(user.id, { revoked: true })}` }],
    ];
    for (const [name, headers] of cases) {
      const response = await request.post("/api/v1/customers", {
        headers: { ...headers, "content-type": "application/json", "idempotency-key": randomUUID() },
        data: { name: uniqueName() },
      });
      await expectProblem(response, 401, "unauthorized");
      expect(response.headers()["www-authenticate"], name).toMatch(/^Bearer realm="dedupe-desk"/);
    }
    expect(await writtenRows(user.id)).toEqual({ customers: 0, orders: 0, keys: 0 });
  });

  test("a token works until its owner revokes it, and then on the very next request it does not", async ({ request }) => {
    const user = await seedUser();
    const token = await seedToken(user.id);
    const api = apiClient(request, token);
    expect((await api.get("/customers")).status()).toBe(200);
    await sql(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "userId" = $1`, [user.id]);
    await expectProblem(await api.get("/customers"), 401, "unauthorized");
  });
});

test.describe("the status matrix", () => {
  test("201 with Location, then the same key's replay, then 422 for another body under that key", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const key = randomUUID();
    const body = { name: uniqueName(), email: `${randomUUID()}@example.org` };
    const created = await api.post("/customers", body, { key });
    expect(created.status()).toBe(201);
    const customer = await created.json();
    expect(created.headers().location).toBe(`/api/v1/customers/${customer.id}`);
    expect(created.headers()["idempotency-key-expires"]).toMatch(/GMT$/);
    expect(created.headers()["idempotent-replayed"]).toBeUndefined();

    const replay = await api.post("/customers", body, { key });
    expect(replay.status()).toBe(201);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    expect(await replay.text()).toBe(await created.text());

    await expectProblem(await api.post("/customers", { ...body, name: uniqueName() }, { key }), 422, "idempotency-key-reused");
    await expectProblem(
      await api.post("/orders", { customerId: customer.id, description: "x", amount: "1.00", currency: "USD" }, { key }),
      422,
      "idempotency-key-reused",
    );
    expect(await writtenRows(user.id)).toEqual({ customers: 1, orders: 0, keys: 1 });

    const kept = await (await api.get(`/idempotency-keys/${encodeURIComponent(key)}`)).json();
    expect(kept).toMatchObject({ key, status: 201, resourceId: customer.id, resourceUrl: `/api/v1/customers/${customer.id}` });
    expect((await api.get(`/customers/${customer.id}`)).status()).toBe(200);
  });

  test("the body's id: 200 for the same values under a new key, 409 id-conflict for other values", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const body = { id: newId(), name: uniqueName() };
    expect((await api.post("/customers", body)).status()).toBe(201);
    const again = await api.post("/customers", body);
    expect(again.status()).toBe(200);
    expect((await again.json()).id).toBe(body.id);
    await expectProblem(await api.post("/customers", { ...body, name: uniqueName() }), 409, "id-conflict");
    expect((await writtenRows(user.id)).customers).toBe(1);
  });

  test("an optional postal address: saved and read back, refused by field when wrong, and a renamed customer at the same house asks", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const surname = randomUUID().slice(0, 8);
    const home = { street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "gb" };
    const created = await api.post("/customers", { name: `Ada ${surname}`, ...home });
    expect(created.status()).toBe(201);
    const customer = await created.json();
    expect(customer).toMatchObject({ ...home, country: "GB" });
    expect(await (await api.get(`/customers/${customer.id}`)).json()).toMatchObject({
      street: home.street,
      postcode: home.postcode,
      city: home.city,
      country: "GB",
    });

    const refused = await expectProblem(await api.post("/customers", { name: "Someone", country: "Atlantis", postcode: "<b>" }), 400, "validation-error");
    expect(refused.errors.map((e: { field: string }) => e.field).sort()).toEqual(["country", "postcode"]);

    const asked = await expectProblem(
      await api.post("/customers", { name: `Ada King${surname}`, ...home, street: "12 St. James Sq" }),
      409,
      "possible-duplicate",
    );
    expect(asked.matches.map((m: { id: string }) => m.id)).toEqual([customer.id]);
    expect(asked.matches[0].reasons).toContain("same address");
    expect((await writtenRows(user.id)).customers).toBe(1);
  });

  test("409 possible-duplicate, then the same key with confirmDuplicateOf saves it", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const name = uniqueName();
    expect((await api.post("/customers", { name })).status()).toBe(201);
    const key = randomUUID();
    const twin = { id: newId(), name, company: "Elsewhere Ltd" };
    const asked = await expectProblem(await api.post("/customers", twin, { key }), 409, "possible-duplicate");
    expect(asked.matches).toHaveLength(1);
    expect(asked.matches[0].reasons).toContain("same name");
    expect(asked.confirmDuplicateOf).toEqual([asked.matches[0].id]);
    expect((await writtenRows(user.id)).customers).toBe(1);

    const saved = await api.post("/customers", { ...twin, confirmDuplicateOf: asked.confirmDuplicateOf }, { key });
    expect(saved.status()).toBe(201);
    expect((await writtenRows(user.id)).customers).toBe(2);
    expect(await countRows("CustomerDuplicateDecision", `"customerId" = $1`, [twin.id])).toBe(1);
  });

  test("bad requests: 400 (named fields, key, JSON), 413, 415, and 404 for unknown or foreign customers; none writes", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const stranger = await seedUser();
    const foreignCustomer = await seedCustomer(stranger.id, { name: uniqueName() });
    const ownCustomer = await seedCustomer(user.id, { name: uniqueName() });
    const order = { customerId: ownCustomer, description: "Paper", amount: "12.50", currency: "EUR" };
    const before = await writtenRows(user.id);

    const unknownField = await expectProblem(await api.post("/customers", { name: uniqueName(), nickname: "x" }), 400, "validation-error");
    expect(unknownField.errors).toEqual([{ field: "nickname", message: "Unknown field." }]);
    const wrongTypes = await expectProblem(await api.post("/customers", { name: 5, email: ["x"] }), 400, "validation-error");
    expect(wrongTypes.errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "name"]);
    for (const amount of ["0", "-1", "1000000.01", "1.234", "abc"]) {
      const bad = await expectProblem(await api.post("/orders", { ...order, amount }), 400, "validation-error");
      expect(bad.errors[0].field, amount).toBe("amount");
    }
    await expectProblem(await api.post("/orders", { ...order, amount: 12.5 }), 400, "validation-error");
    await expectProblem(await api.post("/customers", { name: uniqueName(), id: "not-a-uuid" }), 400, "validation-error");
    await expectProblem(await api.post("/customers", "{not json", {}), 400, "malformed-json");
    await expectProblem(await api.post("/customers", { name: uniqueName() }, { key: null }), 400, "idempotency-key-missing");
    await expectProblem(await api.post("/customers", { name: uniqueName() }, { key: "k".repeat(256) }), 400, "idempotency-key-invalid");
    await expectProblem(await api.post("/customers", { name: "x".repeat(70_000) }), 413, "payload-too-large");
    const wrongType = await api.post("/customers", "name=x", { headers: { "content-type": "application/x-www-form-urlencoded" } });
    await expectProblem(wrongType, 415, "unsupported-media-type");

    const foreign = await expectProblem(await api.post("/orders", { ...order, customerId: foreignCustomer }), 404, "not-found");
    const unknown = await expectProblem(await api.post("/orders", { ...order, customerId: newId() }), 404, "not-found");
    expect(foreign.detail).toBe(unknown.detail); // nothing tells the two apart
    await expectProblem(await api.get(`/customers/${foreignCustomer}`), 404, "not-found");
    await expectProblem(await api.get("/customers/not-a-uuid"), 404, "not-found");
    await expectProblem(await api.get("/no-such-thing"), 404, "not-found");
    await expectProblem(await api.get("/customers?limit=500"), 400, "validation-error");
    await expectProblem(await api.get("/customers?cursor=garbage"), 400, "validation-error");
    // Well-formed base64url JSON, but not a position of ours: it used to reach the query and answer 500.
    const crafted = Buffer.from(JSON.stringify(["2020-01-01T00:00:00Z", "x"])).toString("base64url");
    await expectProblem(await api.get(`/customers?cursor=${crafted}`), 400, "validation-error");
    await expectProblem(await api.get(`/orders?cursor=${crafted}`), 400, "validation-error");

    const after = await writtenRows(user.id);
    // The two 404s ran (they are business answers) and are kept under their keys; nothing else is.
    expect(after).toEqual({ customers: before.customers, orders: 0, keys: 2 });
  });

  test("429 with Retry-After once a user passes the rate limit, whichever of their tokens they use; other users are unaffected", async ({ request }) => {
    test.setTimeout(90_000);
    const user = await seedUser();
    const api = apiClient(request, await seedToken(user.id));
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<ApiClient["get"]>> | undefined;
    for (let batch = 0; batch < 20 && !limited; batch++) {
      const responses = await Promise.all(Array.from({ length: 50 }, () => api.get("/customers?limit=1")));
      statuses.push(...responses.map((r) => r.status()));
      limited = responses.find((r) => r.status() === 429);
    }
    expect(limited, `statuses: ${[...new Set(statuses)]}`).toBeDefined();
    await expectProblem(limited!, 429, "rate-limited");
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // A fresh token of the same user shares the user's allowance: more tokens are not more requests.
    // (A token of its own would answer all 20 with 200; the shared minute is spent.)
    const second = apiClient(request, await seedToken(user.id));
    const burst = await Promise.all(Array.from({ length: 20 }, () => second.get("/customers?limit=1")));
    expect(burst.filter((r) => r.status() === 429).length).toBeGreaterThanOrEqual(10);
    const other = await seedUser();
    expect((await apiClient(request, await seedToken(other.id)).get("/customers")).status()).toBe(200);
  });

  test("the OpenAPI document describes every endpoint, and problem type URIs open", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/customers",
      "/customers/matches",
      "/customers/merges",
      "/customers/merges/{id}/undo",
      "/customers/{id}",
      "/idempotency-keys/{key}",
      "/orders",
      "/orders/{id}",
      "/orders/{id}/fulfilment",
    ]);
    expect(doc.paths["/customers/merges"].post.requestBody.content["application/json"].schema.required.sort()).toEqual(["from", "into"]);
    expect(doc.components.schemas.Fulfilment.properties.status.enum).toEqual(["queued", "sent", "acknowledged", "confirmed", "retrying", "failed", "paused"]);
    const orderBody = doc.paths["/orders"].post.requestBody.content["application/json"].schema;
    expect(orderBody.required.sort()).toEqual(["amount", "currency", "customerId", "description"]);
    expect(orderBody.additionalProperties).toBe(false);
    expect(doc.paths["/customers"].post.parameters[0].$ref).toBe("#/components/parameters/IdempotencyKey");
    for (const uri of Object.keys(doc["x-problem-types"])) {
      const page = await request.get(uri);
      expect(page.status(), uri).toBe(200);
      expect((await page.json()).title).toBe(doc["x-problem-types"][uri].title);
    }
  });
});

test("50 parallel requests with one key: one 201, the rest 409 in progress or its replay, one row", async ({ request }) => {
  const { user, api } = await signedUpClient(request);
  const key = randomUUID();
  const body = { name: uniqueName() };
  const responses = await Promise.all(Array.from({ length: 50 }, () => api.post("/customers", body, { key })));
  const fresh = responses.filter((r) => r.status() === 201 && !r.headers()["idempotent-replayed"]);
  const replays = responses.filter((r) => r.status() === 201 && r.headers()["idempotent-replayed"] === "true");
  const busy = responses.filter((r) => r.status() === 409);
  expect(fresh).toHaveLength(1);
  expect(replays.length + busy.length).toBe(49);
  for (const r of busy) expect(r.headers()["retry-after"]).toBe("1");
  const id = (await fresh[0].json()).id;
  for (const r of replays) expect((await r.json()).id).toBe(id);
  expect(await writtenRows(user.id)).toEqual({ customers: 1, orders: 0, keys: 1 });
});

test("keys are per user: one key from two users makes two records, and neither can read the other's", async ({ request }) => {
  const alice = await signedUpClient(request);
  const bob = await signedUpClient(request);
  const key = randomUUID();
  const a = await (await alice.api.post("/customers", { name: uniqueName() }, { key })).json();
  const bobAnswer = await bob.api.post("/customers", { name: uniqueName() }, { key });
  expect(bobAnswer.status()).toBe(201);
  expect(bobAnswer.headers()["idempotent-replayed"]).toBeUndefined();
  await expectProblem(await bob.api.get(`/customers/${a.id}`), 404, "not-found");
  expect((await (await bob.api.get("/customers")).json()).data.map((c: { id: string }) => c.id)).not.toContain(a.id);
  expect((await (await bob.api.get(`/idempotency-keys/${key}`)).json()).resourceId).not.toBe(a.id);
  expect(await writtenRows(alice.user.id)).toMatchObject({ customers: 1, keys: 1 });
  expect(await writtenRows(bob.user.id)).toMatchObject({ customers: 1, keys: 1 });
});

test("GET /idempotency-keys/{key} finds keys with any printable characters, percent-encoded in the path", async ({ request }) => {
  const { api } = await signedUpClient(request);
  // Five names no two of which look alike to the near-match check (random ones did, about one run in
  // a hundred, and the save answered "possible duplicate").
  const names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov"];
  for (const [i, key] of ["k x", "k%41", "a/b", "q?x#y", `${randomUUID()}`].entries()) {
    const created = await (await api.post("/customers", { name: names[i] }, { key })).json();
    const found = await api.get(`/idempotency-keys/${encodeURIComponent(key)}`);
    expect(found.status(), key).toBe(200);
    expect(await found.json(), key).toMatchObject({ key, status: 201, resourceId: created.id });
  }
  // A structured-field key ("…") is the same key as its bare form.
  const quoted = await api.post("/customers", { name: uniqueName() }, { key: '"sf-key"' });
  expect((await api.get("/idempotency-keys/sf-key")).status()).toBe(200);
  expect((await api.get(`/idempotency-keys/${encodeURIComponent('"sf-key"')}`)).status()).toBe(200);
  expect(quoted.status()).toBe(201);
  await expectProblem(await api.get(`/idempotency-keys/${randomUUID()}`), 404, "not-found");
});

test.describe("customer merges", () => {
  test("merge once however often it is sent; the merged ID answers 308 to the survivor; undo restores; conflicts are 409", async ({ request }) => {
    const { user, api } = await signedUpClient(request);
    const [survivor, merged, third] = [
      await seedCustomer(user.id, { name: "Ada Lovelace", email: "ada@example.com" }),
      await seedCustomer(user.id, { name: "Ada King", phone: "+44 20 7946 0958" }),
      await seedCustomer(user.id, { name: "Augusta Ada King" }),
    ];
    const order = await api.post("/orders", { customerId: merged, description: "Tea", amount: "4.20", currency: "EUR" });
    expect(order.status()).toBe(201);

    const id = newId();
    const body = { id, into: survivor, from: [merged], fields: { phone: merged } };
    // The same merge sent five times at once, each with its own key: one merge.
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.post("/customers/merges", body)));
    expect(answers.map((a) => a.status()).sort()).toEqual([200, 200, 200, 200, 201].sort());
    const created = await answers.find((a) => a.status() === 201)!.json();
    expect(created).toMatchObject({ id, into: survivor, from: [merged], ordersMoved: 1 });
    expect(await countRows("CustomerMerge", `"ownerId" = $1`, [user.id])).toBe(1);
    expect(await countRows("Order", `"customerId" = $1`, [survivor])).toBe(1);

    const old = await request.get(`/api/v1/customers/${merged}`, { headers: { authorization: `Bearer ${await seedToken(user.id)}` }, maxRedirects: 0 });
    expect(old.status()).toBe(308);
    expect(old.headers()["location"]).toBe(`/api/v1/customers/${survivor}`);
    expect((await old.json()).mergedInto.id).toBe(survivor);
    const list = await (await api.get("/customers")).json();
    expect(list.data.map((c: { id: string }) => c.id).sort()).toEqual([survivor, third].sort());
    expect((await (await api.get(`/customers/${survivor}`)).json()).phone).toBe("+44 20 7946 0958");

    await expectProblem(await api.post("/customers/merges", { into: third, from: [merged] }), 409, "merge-conflict");
    await expectProblem(await api.post("/customers/merges", { id, into: survivor, from: [third] }), 409, "id-conflict");
    await expectProblem(await api.post("/customers/merges", { into: survivor, from: [survivor] }), 400, "validation-error");

    const undo = await api.post(`/customers/merges/${id}/undo`, {});
    expect(undo.status()).toBe(200);
    expect((await undo.json()).undoneAt).not.toBeNull();
    expect((await api.post(`/customers/merges/${id}/undo`, {})).status()).toBe(200);
    expect(await countRows("Order", `"customerId" = $1`, [merged])).toBe(1);
    expect((await api.get(`/customers/${merged}`)).status()).toBe(200);
    expect((await (await api.get(`/customers/${survivor}`)).json()).phone).toBeNull();
  });
});

test("health and readiness answer a load balancer without a session, never cached", async ({ request }) => {
  for (const [path, body] of [
    ["/api/health", { status: "ok" }],
    ["/api/ready", { status: "ready" }],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toBe("no-store");
    expect(await response.json(), path).toEqual(body);
  }
});

test("/api/metrics: refused without the bearer token; with it, Prometheus text that counts this API call and its save", async ({ request }) => {
  expect((await request.get("/api/metrics", { maxRedirects: 0 })).status(), "no session, no redirect: 401").toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  const scrape = async () => {
    const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    return response.text();
  };
  const value = (text: string, name: string) =>
    Number(
      text
        .split("\n")
        .find((l) => l.startsWith(`${name} `))
        ?.slice(name.length + 1) ?? 0,
    );
  const created = 'dedupe_http_requests_total{method="POST",route="/api/v1/customers",status="201"}';
  const saved = 'dedupe_saves_total{record="customer",outcome="new"}';
  const before = await scrape();
  const user = await seedUser();
  const api = apiClient(request, await seedToken(user.id));
  expect((await api.post("/customers", { name: uniqueName() })).status()).toBe(201);
  const after = await scrape();
  // Other workers' tests may call the API meanwhile: at least this one call and its save.
  expect(value(after, created)).toBeGreaterThanOrEqual(value(before, created) + 1);
  expect(value(after, saved)).toBeGreaterThanOrEqual(value(before, saved) + 1);
  expect(after).toMatch(/^dedupe_outbox_oldest_due_seconds \d/m);
});
