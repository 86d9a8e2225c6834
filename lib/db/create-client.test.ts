import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { createPrismaClient } from "./create-client.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

test("a database that accepts connections but never answers fails the request after the connect limit, retryably", async () => {
  // A listener that takes the TCP connection and then says nothing, like a hung or half-dead server.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as net.AddressInfo;
  const db = createPrismaClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, 1, { connectMs: 300, statementMs: 1_000 });
  try {
    const started = Date.now();
    const error = await db.user.count().then(
      () => null,
      (e: unknown) => e,
    );
    const took = Date.now() - started;
    assert.ok(error, "the query failed");
    assert.ok(took < 3_000, `failed after ${took} ms, not hung`);
    assert.ok(isDatabaseUnavailable(error), String(error));
  } finally {
    await db.$disconnect().catch(() => {});
    for (const s of sockets) s.destroy();
    silent.close();
  }
});
