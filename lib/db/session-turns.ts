import type { PGlite } from "@electric-sql/pglite";

interface Message {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// The first byte of a frontend message names it; a startup packet begins with its length (0).
const SYNC = 0x53; // "S"
const SIMPLE_QUERY = 0x51; // "Q"
const TERMINATE = 0x58; // "X"
const STARTUP = 0x00;

/**
 * Decides whose message PGlite's one session runs next: a drop-in for pglite-socket's queue.
 *
 * pglite-socket hands PGlite one wire message at a time from whichever connection sent it, and
 * keeps a connection's turn only while a transaction is open. A parameterised statement outside a
 * transaction is several messages (Parse, Bind, Describe, Execute, Sync), so another connection's
 * Parse landing between them replaced the unnamed statement. CI saw it as "bind message supplies 3
 * parameters, but prepared statement "" requires 1", and as counts that came back with no row
 * (electric-sql/pglite #1046, open in 0.2.18). Here a connection keeps its turn from its first
 * message until a Sync or a simple query leaves the session outside a transaction. And a message
 * PGlite throws on fails that connection alone: the stock queue stopped serving everyone after one.
 */
export class SessionTurns {
  private queue: Message[] = [];
  private processing = false;
  /** The connection whose statement or transaction is in progress, if any. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let next = this.takeNext(); next; next = this.takeNext()) await this.run(next);
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (const m of this.queue) if (m.handlerId === handlerId) m.reject(new Error("Handler disconnected"));
    this.queue = this.queue.filter((m) => m.handlerId !== handlerId);
  }

  /** A connection that leaves mid-turn must not hold the session: its transaction is rolled back. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.processQueue();
  }

  /** The owner's next message, or nothing until it sends one; anyone's when nobody holds the turn. */
  private takeNext(): Message | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async run(m: Message): Promise<void> {
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(m.message, {
          onRawData: (data) => {
            bytes += data.length;
            m.onData(data);
          },
        }),
      );
      m.resolve(bytes);
    } catch (error) {
      m.reject(error);
    }
    const endsTurn = [SYNC, SIMPLE_QUERY, TERMINATE, STARTUP].includes(m.message[0]!);
    this.owner = endsTurn && !this.db.isInTransaction() ? null : m.handlerId;
  }
}
