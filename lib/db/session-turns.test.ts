import assert from "node:assert/strict";
import net from "node:net";
import { after, before, test } from "node:test";
import pg from "pg";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.ts";
import { SessionTurns } from "./session-turns.ts";

let embedded: EmbeddedPostgres;
const closers: (() => Promise<unknown>)[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  closers.push(() => client.end());
  return client;
}

before(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
});

after(async () => {
  await Promise.all(closers.map((close) => close().catch(() => {})));
  await embedded.stop();
});

/** A client that writes wire messages itself, so a statement can arrive in two parts as it does on a busy machine. */
async function rawClient(): Promise<{ send(...messages: Buffer[]): void; untilReady(): Promise<string[]> }> {
  const socket = net.connect(Number(new URL(embedded.url).port), "127.0.0.1");
  let buffered = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    waiter?.();
  });
  const client = {
    send: (...messages: Buffer[]) => socket.write(Buffer.concat(messages)),
    /** The replies up to the next ReadyForQuery, as "type: text" lines. */
    async untilReady(): Promise<string[]> {
      const replies: string[] = [];
      for (;;) {
        while (buffered.length >= 5 && buffered.length >= 1 + buffered.readInt32BE(1)) {
          const length = 1 + buffered.readInt32BE(1);
          const type = String.fromCharCode(buffered[0]!);
          replies.push(
            `${type}: ${buffered
              .subarray(5, length)
              .toString("latin1")
              .replace(/[^ -~]+/g, " ")
              .trim()}`,
          );
          buffered = buffered.subarray(length);
          if (type === "Z") return replies;
        }
        await new Promise<void>((resolve) => (waiter = resolve));
      }
    },
  };
  socket.on("error", () => {});
  closers.push(async () => socket.destroy());
  const startup = Buffer.from("\0\0\0\0\0\x03\0\0user\0postgres\0database\0postgres\0\0", "latin1");
  startup.writeInt32BE(startup.length, 0);
  client.send(startup);
  await client.untilReady();
  return client;
}

function message(type: string, ...parts: (string | number[])[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(`${p}\0`) : Buffer.from(p))));
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

const int16 = (n: number) => [n >> 8, n & 255];
const param = (text: string) => [0, 0, 0, text.length, ...Buffer.from(text)];

// The stock queue ran the other connection's Parse between this Parse and its Bind, and the Bind
// failed with "bind message supplies 3 parameters, but prepared statement "" requires 1".
test("a statement that arrives in parts runs whole, before another connection's statement", async () => {
  const [split, other] = await Promise.all([rawClient(), connect()]);
  split.send(message("P", "", "SELECT $1::int + $2::int + $3::int", int16(0)));
  await new Promise((r) => setTimeout(r, 20));
  const otherAnswer = other.query("SELECT $1::int * 10 AS n", [7]);
  await new Promise((r) => setTimeout(r, 20));
  split.send(
    message("B", "", "", [...int16(0), ...int16(3), ...param("1"), ...param("2"), ...param("3"), ...int16(0)]),
    message("E", "", [0, 0, 0, 0]),
    message("S"),
  );

  const replies = await split.untilReady();
  assert.deepEqual(
    replies.filter((r) => r.startsWith("E") || r.startsWith("D")),
    ["D: 6"],
  );
  assert.equal((await otherAnswer).rows[0].n, 70);
});

/** Connection `a` inside a transaction that inserted a row into `table`, and `b` asking for that row. */
async function rowInOpenTransaction(table: string) {
  const [a, b] = await Promise.all([connect(), connect()]);
  await a.query(`CREATE TABLE IF NOT EXISTS ${table} (id int)`);
  await a.query("BEGIN");
  await a.query(`INSERT INTO ${table} VALUES ($1)`, [1]);
  const seenByB = b.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [1]);
  return { a, seenByB };
}

test("another connection's statement waits for an open transaction to end, so it never sees its rows", async () => {
  const { a, seenByB } = await rowInOpenTransaction("turns_probe");
  await new Promise((r) => setTimeout(r, 50));
  await a.query("ROLLBACK");
  assert.equal((await seenByB).rows[0].n, 0);
});

test("a connection that vanishes inside a transaction is rolled back and frees the session", async () => {
  const { a, seenByB } = await rowInOpenTransaction("turns_left");
  a.on("error", () => {}); // the connection we cut
  (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  assert.equal((await seenByB).rows[0].n, 0);
});

// The stock queue returned from its loop on a thrown message and never ran another (pglite #1046).
test("a message PGlite throws on fails its own connection only; the next connection's statement still runs", async () => {
  const ran: string[] = [];
  const db = {
    isInTransaction: () => false,
    runExclusive: <T>(work: () => Promise<T>) => work(),
    async execProtocolRawStream(message: Uint8Array, o: { onRawData: (data: Uint8Array) => void }) {
      const text = Buffer.from(message).toString("latin1");
      if (text.includes("boom")) throw new Error("internal error");
      ran.push(text.slice(5, -1));
      o.onRawData(new Uint8Array([90]));
    },
  };
  const turns = new SessionTurns(db as unknown as ConstructorParameters<typeof SessionTurns>[0]);
  const failing = turns.enqueue(1, message("Q", "SELECT boom"), () => {});
  const next = turns.enqueue(2, message("Q", "SELECT 1"), () => {});
  await assert.rejects(failing, /internal error/);
  assert.equal(await next, 1);
  assert.deepEqual(ran, ["SELECT 1"]);
});
