import assert from "node:assert/strict";
import { test } from "node:test";
import { readFormBody } from "../forms/read-form-body.ts";
import { isCrossSite } from "./same-origin.ts";

const post = (headers: Record<string, string>, body?: BodyInit) =>
  new Request("http://127.0.0.1:3100/lab/tickets", { method: "POST", headers: { host: "127.0.0.1:3100", ...headers }, body, duplex: "half" } as RequestInit);

test("only our own pages may post with the session cookie", () => {
  assert.equal(isCrossSite(post({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3100" })), false);
  assert.equal(isCrossSite(post({ origin: "http://127.0.0.1:3100" })), false, "an older browser: Origin only");
  assert.equal(isCrossSite(post({})), false, "not a browser: nobody's cookie is being borrowed");
  for (const headers of <Record<string, string>[]>[
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "none" },
    { origin: "https://evil.example" },
    { origin: "http://127.0.0.1:3100.evil.example" },
    { origin: "null" },
  ]) {
    assert.equal(isCrossSite(post(headers)), true, JSON.stringify(headers));
  }
});

test("a form body is read up to 64 KB, chunked or not", async () => {
  const small = await readFormBody(post({ "content-type": "application/x-www-form-urlencoded" }, "title=Printer&body=jammed"));
  assert.ok(small.ok && small.form.get("title") === "Printer");
  // A stream has no Content-Length: the bytes themselves are counted.
  const chunk = new TextEncoder().encode(`title=${"x".repeat(16 * 1024)}`);
  let sent = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      controller.enqueue(chunk);
      if (sent > 10 * 1024 * 1024) controller.close();
    },
  });
  assert.deepEqual(await readFormBody(post({ "content-type": "application/x-www-form-urlencoded" }, endless)), { ok: false, reason: "too-large" });
  assert.ok(sent < 200 * 1024, `stopped reading after ${sent} bytes`);
  assert.deepEqual(await readFormBody(post({ "content-type": "application/json" }, "{}")), { ok: false, reason: "not-a-form" });
});
