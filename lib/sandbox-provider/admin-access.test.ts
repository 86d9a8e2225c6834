// The sandbox's /admin endpoints answer only its admin token, only when addressed by a loopback
// name; and the app shares a running sandbox only when it proves it holds the app's client secret.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { startTestSandbox } from "../tooling/testing/delivery.ts";
import type { Sandbox } from "../startup/spawn-sandbox.ts";
import { sandboxAnswers } from "../startup/spawn-sandbox.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(() => sandbox?.stop());

/** A raw request, so the Host header is ours to choose (fetch will not let it be set). */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  const { port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("without the admin token every /admin request is refused, and nothing changes", async () => {
  const host = new URL(sandbox.url).host;
  const before = await sandbox.readFaults();
  assert.equal(await request("PUT", "/admin/faults", { host, "content-type": "application/json" }, JSON.stringify({ down: true })), 401);
  assert.equal(
    await request(
      "PUT",
      "/admin/faults",
      { host, authorization: "Bearer wrong-token-of-the-same-size-xx", "content-type": "application/json" },
      JSON.stringify({ down: true }),
    ),
    401,
  );
  for (const path of ["/admin/health", "/admin/stats", "/admin/faults", "/admin/shipments", "/admin/customer-merges"]) {
    assert.equal(await request("GET", path, { host }), 401, path);
  }
  assert.deepEqual(await sandbox.readFaults(), before, "the client with the token still reads them, unchanged");
});

test("a request addressed to another name (DNS rebinding) is refused even with the token", async () => {
  const auth = { authorization: `Bearer ${sandbox.adminToken}` };
  const port = new URL(sandbox.url).port;
  assert.equal(await request("GET", "/admin/faults", { ...auth, host: `127.0.0.1:${port}` }), 200);
  assert.equal(await request("GET", "/admin/faults", { ...auth, host: `localhost:${port}` }), 200);
  assert.equal(await request("GET", "/admin/faults", { ...auth, host: `attacker.example:${port}` }), 421);
  assert.equal(await request("GET", "/admin/faults", { ...auth, host: "127.0.0.1:1" }), 421);
  // No Host at all: Node's server itself answers 400 before the sandbox sees it.
  assert.equal(await request("GET", "/admin/faults", { ...auth }), 400, "no Host at all");
});

test("the app shares a running sandbox only when it proves it knows the app's client", async () => {
  assert.equal(await sandboxAnswers(sandbox.url, { adminToken: sandbox.adminToken, clientSecret: sandbox.clientSecret }), true);
  assert.equal(await sandboxAnswers(sandbox.url, { adminToken: sandbox.adminToken, clientSecret: "another app's secret" }), false);
  assert.equal(await sandboxAnswers(sandbox.url, { adminToken: "not-the-token", clientSecret: sandbox.clientSecret }), false);
  // Something else on the port that answers 200 to anything is not taken for the sandbox.
  const impostor = http.createServer((_req, res) => res.end(JSON.stringify({ ok: true, proof: "x" })));
  await new Promise<void>((r) => impostor.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(impostor.address() as { port: number }).port}`;
  assert.equal(await sandboxAnswers(url, { adminToken: sandbox.adminToken, clientSecret: sandbox.clientSecret }), false);
  impostor.close();
});
