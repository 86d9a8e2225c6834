// Every /api/v1 route and the provider's webhook, 1,000 generated requests each: malformed paths,
// methods, encodings, headers and bodies, from signed-in and anonymous callers. None may answer a
// 5xx, and every status an operation answers must be one its OpenAPI entry lists. Seeded: a
// failure replays with the same requests.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { test, expect } from "@playwright/test";
import { API_ROUTES } from "../lib/api/route-methods.ts";
import { newId } from "../lib/ids.ts";
import { seededRandom } from "../lib/random/seeded-random.ts";
import { seedToken } from "./support/api.ts";
import { E2E_PORT } from "./support/env.ts";
import { seedUser } from "./support/fixtures.ts";
import { seedCustomer } from "./support/seed.ts";

const PER_ROUTE = 1000;
const SEED = 20261204;
const CONCURRENCY = 8;

// Methods Node's HTTP parser knows (an unknown word is refused by the parser itself, with 400 and a closed connection).
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND"];
const ID_VALUES = [
  "%ff",
  "%E0%A4%A",
  "%00",
  "not-a-uuid",
  "x".repeat(3000),
  "%C3%BC%C3%B1%C3%AF",
  "..%2F..%2Fetc",
  "01890a5d-ac96-774b-bcce-b302099a80zz",
  "%27%20OR%201%3D1%20--",
  "%20",
  "null",
];
const QUERY_VALUES = [
  "",
  "-1",
  "0",
  "101",
  "abc",
  "1e3",
  "%ff",
  "%00",
  "a%00b",
  "x".repeat(300),
  "%E2%80%AE",
  "[]",
  "{}",
  "null",
  "01890a5d-ac96-774b-bcce-b302099a8057",
];
const QUERY_KEYS = ["limit", "cursor", "q", "email", "customerId", "name", "phone", "company", "exclude", "unknown", "limit[]", "__proto__"];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/problem+json",
  "",
  "application/vnd.api+json",
];
const KEYS = [null, "", "k".repeat(256), "naïve", '"unterminated', "a b", "tab\tkey"];
const BODIES: Array<() => Buffer> = [
  () => Buffer.from("{"),
  () => Buffer.from("null"),
  () => Buffer.from("[1,2,3]"),
  () => Buffer.from('"a string"'),
  () => Buffer.from("42"),
  () => Buffer.from('{"name":"Ada\\u0000Lovelace","email":"a@b.co"}'),
  () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  () => Buffer.from(JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } })),
  () => Buffer.from(JSON.stringify({ into: newId(), from: [newId()], fields: { email: "x" } })),
  () => Buffer.from(JSON.stringify({ customerId: newId(), description: "x", amount: "12,50", currency: "EUR" })),
  () => Buffer.from(JSON.stringify({ name: "x".repeat(70_000) })),
  () => Buffer.from(`{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`),
  () => Buffer.alloc(0),
  () => gzipSync(Buffer.from('{"name":"Gzip"}')),
];

interface Answer {
  status: number;
  allow?: string;
  contentType?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(method: string, path: string, headers: Record<string, string>, body: Buffer | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: E2E_PORT, method, path, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) }, agent },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, contentType: res.headers["content-type"] }));
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path.slice(0, 120)}: no answer in 30 s`)));
    req.end(body ?? undefined);
  });
}

async function inBatches<T>(items: T[], run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(run));
}

/** The statuses each documented operation lists, as the app serves its own OpenAPI document. */
async function documentedStatuses(): Promise<Map<string, Set<number>>> {
  const doc = await new Promise<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: E2E_PORT, path: "/api/v1/openapi.json" }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(JSON.parse(text)));
      })
      .on("error", reject);
  });
  const statuses = new Map<string, Set<number>>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations))
      statuses.set(`${method.toUpperCase()} ${path}`, new Set(Object.keys(operation.responses).map(Number)));
  }
  return statuses;
}

test(`${PER_ROUTE} malformed requests to every API route: no 5xx, and only documented statuses`, async () => {
  test.setTimeout(600_000);
  // Spread over users: the per-user rate limit is there to be met now and then, not by every request.
  const users: Array<{ token: string; customerId: string }> = [];
  for (let i = 0; i < 40; i++) {
    const user = await seedUser();
    users.push({ token: await seedToken(user.id), customerId: await seedCustomer(user.id, { name: `Fuzz ${randomUUID()}` }) });
  }
  const revoked = await seedToken((await seedUser()).id, { revoked: true });
  const documented = await documentedStatuses();
  const random = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const undocumented: string[] = [];
  const failures: string[] = [];
  const seen = new Map<string, Map<number, number>>();

  for (const route of API_ROUTES) {
    const cases = Array.from({ length: PER_ROUTE }, () => {
      const user = pick(users);
      const method = random() < 0.7 ? pick(route.methods) : pick(METHODS);
      const param = random() < 0.3 ? pick([user.customerId, newId(), users[0].customerId]) : pick(ID_VALUES);
      let path = "/api/v1" + route.path.replace(/\{[^}]+\}/g, () => param);
      if (random() < 0.4) path += "?" + Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${pick(QUERY_KEYS)}=${pick(QUERY_VALUES)}`).join("&");
      // A path bent out of shape is another address: judged for 5xx only, not against this route's document.
      const bent = random() < 0.05;
      if (bent) path = path.replace("/api/v1/", pick(["/api/v1//", "/api/v1/./", "/api/v1/%2e/"]));
      const headers: Record<string, string> = {};
      const auth = random();
      if (auth < 0.8) headers.authorization = `Bearer ${user.token}`;
      else if (auth < 0.87)
        headers.authorization = pick(["Bearer", "Bearer ddk_nope", `Bearer ${revoked}`, "Basic YTpi", `bearer ${user.token}`, "Bearer " + "x".repeat(5000)]);
      const type = pick(CONTENT_TYPES);
      if (type) headers["content-type"] = type;
      const key = random() < 0.7 ? randomUUID() : pick(KEYS);
      if (key !== null) headers["idempotency-key"] = key;
      if (random() < 0.1) headers["content-encoding"] = "gzip";
      if (random() < 0.05) headers["accept-encoding"] = "identity;q=0, *;q=0";
      const body = method === "GET" || method === "HEAD" ? (random() < 0.1 ? pick(BODIES)() : null) : pick(BODIES)();
      return { method, path, headers, body, bent };
    });
    const counts = new Map<number, number>();
    seen.set(route.path, counts);
    await inBatches(cases, async (c) => {
      const answer = await send(c.method, c.path, c.headers, c.body).catch((error: Error) => {
        throw new Error(`${c.method} ${c.path.slice(0, 160)} ${JSON.stringify(c.headers).slice(0, 300)} body ${c.body?.length ?? 0} bytes: ${error.message}`);
      });
      counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
      const what = `${c.method} ${c.path.slice(0, 160)} → ${answer.status}`;
      if (answer.status >= 500) failures.push(what);
      if (answer.status === 405 && !answer.allow) failures.push(`${what} without Allow`);
      const operation = documented.get(`${c.method} ${route.path}`);
      if (operation && !c.bent && !operation.has(answer.status)) undocumented.push(`${c.method} ${route.path} → ${answer.status}`);
    });
  }

  const webhook = new Map<number, number>();
  const webhookCases = Array.from({ length: PER_ROUTE }, () => ({
    method: random() < 0.85 ? "POST" : pick(METHODS),
    headers: Object.fromEntries(
      [
        ["content-type", pick(CONTENT_TYPES)],
        ["webhook-id", pick(["msg_1", "", "x".repeat(300), "%00", randomUUID()])],
        ["webhook-timestamp", pick(["", "0", "-1", "99999999999999", "abc", String(Math.floor(Date.now() / 1000))])],
        ["webhook-signature", pick(["", "v1,", "v1,AAAA", "v2,xyz", "v1," + "A".repeat(5000), "v1,not base64!"])],
      ].filter(([, v]) => v !== ""),
    ),
    body: pick(BODIES)(),
  }));
  await inBatches(webhookCases, async (c) => {
    const answer = await send(c.method, "/api/webhooks/provider", c.headers, c.body);
    webhook.set(answer.status, (webhook.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) failures.push(`${c.method} /api/webhooks/provider → ${answer.status}`);
  });

  console.log(
    `route fuzz statuses: ${JSON.stringify(Object.fromEntries([...seen].map(([p, m]) => [p, Object.fromEntries(m)])))}; webhook: ${JSON.stringify(Object.fromEntries(webhook))}`,
  );
  expect(failures.slice(0, 20), `${failures.length} answers of 5xx or 405 without Allow`).toEqual([]);
  expect([...new Set(undocumented)], `${undocumented.length} answers the OpenAPI document does not list`).toEqual([]);
  for (const [path, counts] of seen)
    expect(
      [...counts.values()].reduce((a, b) => a + b, 0),
      path,
    ).toBe(PER_ROUTE);
  expect([...webhook.values()].reduce((a, b) => a + b, 0)).toBe(PER_ROUTE);
});
