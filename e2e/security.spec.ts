// The review's findings, over real HTTP against the production build: each test sends what an
// attacker would and checks both the answer and the database.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { countRows, sql } from "./support/db.ts";
import { E2E_APP_URL, E2E_PORT } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request from a chosen loopback address (127.0.0.0/8 is all this machine), so the throttles see a client of its own. */
function raw(options: { method: string; path: string; from: string; headers?: Record<string, string>; body?: string | string[] }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: E2E_PORT, method: options.method, path: options.path, localAddress: options.from, headers: options.headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    // An array is sent as chunks: Transfer-Encoding: chunked, no Content-Length.
    for (const chunk of Array.isArray(options.body) ? options.body : options.body ? [options.body] : []) request.write(chunk);
    request.end();
  });
}

/** One sign-in attempt through next-auth's own endpoints; answers the error code next-auth put in its URL. */
async function signInAttempt(from: string, email: string, forwardedFor: string): Promise<string> {
  const csrf = await raw({ method: "GET", path: "/api/auth/csrf", from });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const form = new URLSearchParams({ csrfToken: JSON.parse(csrf.body).csrfToken, email, password: "wrong password", json: "true" }).toString();
  const answer = await raw({
    method: "POST",
    path: "/api/auth/callback/credentials",
    from,
    headers: {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": forwardedFor,
      "content-length": String(Buffer.byteLength(form)),
    },
    body: form,
  });
  return new URL(JSON.parse(answer.body).url).searchParams.get("error") ?? "";
}

test("a signed-in visit to /signin or /signup with a hostile callbackUrl stays on this site", async ({ page, user }) => {
  expect(user.id).toBeTruthy();
  const origin = new URL(E2E_APP_URL).origin;
  for (const path of ["/signin", "/signup"]) {
    for (const callbackUrl of ["/%09/evil.example", "/%0A/evil.example", "/.//evil.example", "/%5C%5Cevil.example", "https://evil.example/"]) {
      const response = await page.goto(`${path}?callbackUrl=${callbackUrl}`);
      expect(response?.ok(), `${path}?callbackUrl=${callbackUrl}`).toBe(true);
      expect(new URL(page.url()).origin, `${path}?callbackUrl=${callbackUrl}`).toBe(origin);
      expect(new URL(page.url()).pathname).toBe("/");
    }
  }
});

test("rotating X-Forwarded-For does not escape the per-address sign-in throttle, and other addresses are unaffected", async () => {
  test.setTimeout(60_000);
  const attacker = "127.0.0.77";
  const codes: string[] = [];
  // Fresh, unknown emails, so only the address throttle can stop them (default: 30 free failures).
  for (let i = 0; i < 32; i++) codes.push(await signInAttempt(attacker, `nobody-${randomUUID()}@example.com`, `198.51.100.${i}`));
  expect(codes.slice(0, 30)).toEqual(Array(30).fill("invalid"));
  expect(codes[30]).toMatch(/^throttled:\d+$/);
  expect(await countRows("AuthThrottle", `key = $1`, ["ip:127.0.0.77"])).toBe(1);
  // What the client claimed was never counted as an address.
  expect(await countRows("AuthThrottle", `key LIKE 'ip:198.51.100.%'`, [])).toBe(0);
  expect(await signInAttempt("127.0.0.78", `nobody-${randomUUID()}@example.com`, "127.0.0.77")).toBe("invalid");
});

test("a sign-in error never carries a database message, whatever the headers", async () => {
  const code = await signInAttempt("127.0.0.79", `nobody-${randomUUID()}@example.com`, "9".repeat(3000));
  expect(code).toBe("invalid");
  const [row] = await sql<{ key: string }>(`SELECT key FROM "AuthThrottle" WHERE key = 'ip:127.0.0.79'`);
  expect(row.key.length).toBeLessThan(40);
});

test("the Lab's ticket route refuses cross-site posts and bodies over 64 KB, chunked or not", async ({ page, user }) => {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const title = `Cross-site ${randomUUID()}`;
  const form = new URLSearchParams({ id: crypto.randomUUID(), title, body: "forged" }).toString();
  const formHeaders = { cookie, "content-type": "application/x-www-form-urlencoded" };
  const crossSite = await raw({
    method: "POST",
    path: "/lab/tickets",
    from: "127.0.0.1",
    headers: { ...formHeaders, "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    body: form,
  });
  expect(crossSite.status).toBe(403);
  const foreignOrigin = await raw({
    method: "POST",
    path: "/lab/tickets",
    from: "127.0.0.1",
    headers: { ...formHeaders, origin: "https://evil.example" },
    body: form,
  });
  expect(foreignOrigin.status).toBe(403);
  expect(await countRows("Ticket", `"ownerId" = $1`, [user.id])).toBe(0);

  const chunk = `title=${"x".repeat(16 * 1024)}`;
  const chunked = await raw({
    method: "POST",
    path: "/lab/tickets",
    from: "127.0.0.1",
    headers: { ...formHeaders, "sec-fetch-site": "same-origin" },
    body: Array(8).fill(chunk),
  });
  expect(chunked.status).toBe(413);
  expect(await countRows("Ticket", `"ownerId" = $1`, [user.id])).toBe(0);
});

test("benchmark routes do not exist for anyone without the benchmark's token", async ({ user }) => {
  const body = JSON.stringify({ id: crypto.randomUUID(), name: "Bench Intruder", email: "", phone: "", company: "" });
  for (const path of ["/api/bench/customers", "/api/bench/api-customers"]) {
    const answer = await raw({ method: "POST", path, from: "127.0.0.1", headers: { "content-type": "application/json", "x-bench-owner": user.id }, body });
    expect(answer.status, path).toBe(404);
  }
  expect(await countRows("Customer", `"ownerId" = $1`, [user.id])).toBe(0);
});

test("requests Next would answer with a 500 get a plain 4xx: a bad escape, TRACE, a form posted from another site", async ({ page, user }) => {
  const from = "127.0.0.1";
  expect((await raw({ method: "GET", path: "/%ff", from })).status).toBe(400);
  expect((await raw({ method: "GET", path: "/customers/%E0%A4%A", from })).status).toBe(400);
  const trace = await raw({ method: "TRACE", path: "/", from });
  expect(trace.status).toBe(405);
  expect(trace.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
  // A customer form posted from another site's page, with the victim's cookie: refused, nothing saved.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const forged = await raw({
    method: "POST",
    path: "/customers/new",
    from,
    headers: { cookie, origin: "https://evil.example", "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify([{ id: randomUUID(), name: "Forged", email: "", phone: "", company: "" }]),
  });
  expect(forged.status).toBe(403);
  expect(await countRows("Customer", `"ownerId" = $1`, [user.id])).toBe(0);
});
