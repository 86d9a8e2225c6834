// The sandbox provider's own data: its own embedded PostgreSQL (a directory, or memory), or its own
// database on a server. It never sees the app's tables.
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";

interface Sql {
  /**
   * `name` prepares the statement once per connection (on a server): the shipment path's
   * statements then cost half the database CPU, which a drain on a shared machine needs.
   */
  query<T>(text: string, params?: unknown[], name?: string): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS requests (
  idempotency_key text PRIMARY KEY,
  fingerprint text NOT NULL,
  operation_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS operations (
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL,
  order_id text NOT NULL,
  state text NOT NULL DEFAULT 'processing',
  shipment_id uuid,
  reason text,
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS operations_due ON operations (due_at) WHERE state = 'processing';
CREATE TABLE IF NOT EXISTS shipments (
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  order_id text NOT NULL,
  operation_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS shipments_order ON shipments (order_id);
ALTER TABLE operations ADD COLUMN IF NOT EXISTS acked_at timestamptz;
CREATE TABLE IF NOT EXISTS callbacks (
  id text PRIMARY KEY,
  operation_id uuid NOT NULL,
  type text NOT NULL,
  body text NOT NULL,
  lost boolean NOT NULL DEFAULT false,
  attempts int NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  done_at timestamptz
);
CREATE INDEX IF NOT EXISTS callbacks_due ON callbacks (next_at) WHERE done_at IS NULL;
ALTER TABLE callbacks ADD COLUMN IF NOT EXISTS copies int NOT NULL DEFAULT 1;
ALTER TABLE operations ADD COLUMN IF NOT EXISTS customer_id text;
ALTER TABLE shipments ADD COLUMN IF NOT EXISTS customer_id text;
CREATE INDEX IF NOT EXISTS shipments_customer ON shipments (customer_id);
CREATE TABLE IF NOT EXISTS customer_merges (
  merge_id text PRIMARY KEY,
  into_id text NOT NULL,
  from_ids text[] NOT NULL,
  moved jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz
);
`;

export type Operation = { id: string; status: "processing" | "succeeded" | "failed"; shipmentId: string | null; reason: string | null };
export type Shipment = { id: string; orderId: string; customerId: string | null; idempotencyKey: string; operationId: string; createdAt: string };
export type CallbackType = "operation.processing" | "operation.succeeded" | "operation.failed";
export type DueCallback = { id: string; type: CallbackType; body: string; lost: boolean; copies: number; attempts: number; createdAt: Date; acked: boolean };
export type AcceptResult = { kind: "accepted"; operationId: string; created: boolean } | { kind: "key-reused" };

export async function openProviderStore(options: { databaseUrl?: string; dataDir: string }): Promise<ProviderStore> {
  let sql: Sql;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    sql = {
      query: async <T>(text: string, values?: unknown[], name?: string) => ({ rows: (await pool.query({ text, values, name })).rows as T[] }),
      close: () => pool.end(),
    };
  } else {
    if (!options.dataDir.startsWith("memory://")) await mkdir(options.dataDir, { recursive: true });
    const db = await PGlite.create(options.dataDir);
    sql = { query: (t, p) => db.query(t, p as unknown[]), close: () => db.close() };
  }
  for (const statement of SCHEMA.split(";")
    .map((s) => s.trim())
    .filter(Boolean))
    await sql.query(statement);
  return new ProviderStore(sql);
}

/** The same request body always has the same fingerprint, whatever the order of its keys. */
function fingerprint(body: unknown): string {
  return createHash("sha256").update(canonical(body)).digest("hex");
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class ProviderStore {
  constructor(private readonly sql: Sql) {}

  close() {
    return this.sql.close();
  }

  /**
   * Takes a shipment request once per Idempotency-Key. The same key again gives the same
   * operation, unless that operation failed: then the retry starts a new one (a key never gets
   * a second shipment, see `finish`). The same key with another body is refused.
   */
  async accept(key: string, body: { orderId: string; customerId?: string }, workDelayMs: number): Promise<AcceptResult> {
    const print = fingerprint(body);
    for (;;) {
      const fresh = uuidv7();
      const inserted = await this.sql.query<{ id: string }>(
        `WITH req AS (
           INSERT INTO requests (idempotency_key, fingerprint, operation_id) VALUES ($1, $2, $3)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING operation_id
         )
         INSERT INTO operations (id, idempotency_key, order_id, due_at, customer_id)
         SELECT operation_id, $1, $4, now() + $5 * interval '1 millisecond', $6 FROM req RETURNING id`,
        [key, print, fresh, body.orderId, workDelayMs, body.customerId ?? null],
        "accept",
      );
      if (inserted.rows.length === 1) return { kind: "accepted", operationId: fresh, created: true };

      const existing = await this.sql.query<{ fingerprint: string; operation_id: string; state: string }>(
        `SELECT r.fingerprint, r.operation_id, o.state FROM requests r JOIN operations o ON o.id = r.operation_id WHERE r.idempotency_key = $1`,
        [key],
      );
      const row = existing.rows[0];
      if (!row) continue; // its first request is still being written: look again
      if (row.fingerprint !== print) return { kind: "key-reused" };
      if (row.state !== "failed") return { kind: "accepted", operationId: row.operation_id, created: false };
      const retried = await this.sql.query<{ id: string }>(
        `WITH swap AS (
           UPDATE requests SET operation_id = $2 WHERE idempotency_key = $1 AND operation_id = $3 RETURNING operation_id
         )
         INSERT INTO operations (id, idempotency_key, order_id, due_at, customer_id)
         SELECT operation_id, $1, $4, now() + $5 * interval '1 millisecond', $6 FROM swap RETURNING id`,
        [key, fresh, row.operation_id, body.orderId, workDelayMs, body.customerId ?? null],
      );
      if (retried.rows.length === 1) return { kind: "accepted", operationId: fresh, created: true };
    }
  }

  async operation(id: string): Promise<Operation | null> {
    const { rows } = await this.sql.query<{ id: string; state: Operation["status"]; shipment_id: string | null; reason: string | null }>(
      `SELECT id, state, shipment_id, reason FROM operations WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, status: row.state, shipmentId: row.shipment_id, reason: row.reason } : null;
  }

  async dueOperations(limit = 500): Promise<{ id: string; idempotencyKey: string; orderId: string }[]> {
    const { rows } = await this.sql.query<{ id: string; idempotency_key: string; order_id: string }>(
      `SELECT id, idempotency_key, order_id FROM operations WHERE state = 'processing' AND due_at <= now() ORDER BY due_at LIMIT $1`,
      [limit],
      "due-operations",
    );
    return rows.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key, orderId: r.order_id }));
  }

  /**
   * Ends a round of operations in one statement. A key has at most one shipment: a unique index
   * says so, not this code. An operation no longer processing is left as it is.
   */
  async finish(ops: { id: string; idempotencyKey: string; orderId: string; outcome: { ok: true } | { ok: false; reason: string } }[]) {
    if (ops.length === 0) return;
    await this.sql.query(
      `WITH done AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS d(id, idempotency_key, order_id, reason, shipment_id)
       ), s AS (
         INSERT INTO shipments (id, idempotency_key, order_id, operation_id, customer_id)
         SELECT d.shipment_id, d.idempotency_key, d.order_id, o.id, o.customer_id
           FROM done d JOIN operations o ON o.id = d.id AND o.state = 'processing'
          WHERE d.reason IS NULL
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key
       )
       UPDATE operations o SET finished_at = now(),
         state = CASE WHEN d.reason IS NULL THEN 'succeeded' ELSE 'failed' END,
         reason = d.reason,
         shipment_id = CASE WHEN d.reason IS NULL THEN COALESCE(
           (SELECT s.id FROM s WHERE s.idempotency_key = d.idempotency_key),
           (SELECT sh.id FROM shipments sh WHERE sh.idempotency_key = d.idempotency_key)) END
       FROM done d WHERE o.id = d.id AND o.state = 'processing'`,
      [
        ops.map((op) => op.id),
        ops.map((op) => op.idempotencyKey),
        ops.map((op) => op.orderId),
        ops.map((op) => (op.outcome.ok ? null : op.outcome.reason)),
        ops.map(() => uuidv7()),
      ],
      "finish",
    );
  }

  /**
   * The client merged customers: their shipments now belong to the survivor. Once per merge ID
   * (a repeat changes nothing); each moved shipment remembers whose it was, for the undo.
   */
  async mergeCustomers(mergeId: string, into: string, from: string[]): Promise<{ moved: number }> {
    const { rows } = await this.sql.query<{ moved: number }>(
      `WITH fresh AS (SELECT NOT EXISTS (SELECT 1 FROM customer_merges WHERE merge_id = $1) AS yes),
            s AS (UPDATE shipments SET customer_id = $2 FROM shipments before
                   WHERE shipments.id = before.id AND before.customer_id = ANY($3::text[]) AND (SELECT yes FROM fresh)
                   RETURNING shipments.id, before.customer_id AS was)
       INSERT INTO customer_merges (merge_id, into_id, from_ids, moved)
       SELECT $1, $2, $3::text[], coalesce((SELECT jsonb_agg(jsonb_build_object('id', id, 'was', was)) FROM s), '[]'::jsonb) WHERE (SELECT yes FROM fresh)
       ON CONFLICT (merge_id) DO NOTHING RETURNING jsonb_array_length(moved) AS moved`,
      [mergeId, into, from],
    );
    return { moved: rows[0]?.moved ?? 0 };
  }

  async customerMerges(): Promise<Array<{ mergeId: string; into: string; from: string[]; moved: number; undone: boolean }>> {
    const { rows } = await this.sql.query<{ merge_id: string; into_id: string; from_ids: string[]; moved: number; undone: boolean }>(
      `SELECT merge_id, into_id, from_ids, jsonb_array_length(moved) AS moved, undone_at IS NOT NULL AS undone FROM customer_merges ORDER BY created_at LIMIT 1000`,
    );
    return rows.map((r) => ({ mergeId: r.merge_id, into: r.into_id, from: r.from_ids, moved: r.moved, undone: r.undone }));
  }

  /** Moves back exactly the shipments a merge moved. False when the merge is unknown. */
  async unmergeCustomers(mergeId: string): Promise<boolean> {
    const known = await this.sql.query(`SELECT 1 FROM customer_merges WHERE merge_id = $1`, [mergeId]);
    if (known.rows.length === 0) return false;
    await this.sql.query(
      `WITH m AS (UPDATE customer_merges SET undone_at = now() WHERE merge_id = $1 AND undone_at IS NULL RETURNING into_id, moved)
       UPDATE shipments s SET customer_id = x.was FROM m, jsonb_to_recordset(m.moved) AS x(id uuid, was text)
        WHERE s.id = x.id AND s.customer_id = m.into_id`,
      [mergeId],
    );
    return true;
  }

  /** The client confirmed it has the operation's result: its callbacks stop. False if unknown. */
  async acknowledge(operationId: string): Promise<boolean> {
    const { rows } = await this.sql.query(`UPDATE operations SET acked_at = COALESCE(acked_at, now()) WHERE id = $1 RETURNING id`, [operationId]);
    return rows.length === 1;
  }

  /** A callback about an operation, with its body fixed now: every attempt sends the same bytes. */
  async queueCallback(op: { id: string; idempotencyKey: string; orderId: string }, type: CallbackType, o: { lost: boolean; delayMs: number; copies: number }) {
    const state = await this.operation(op.id);
    const body = JSON.stringify({
      type,
      timestamp: new Date().toISOString(),
      data: {
        operationId: op.id,
        idempotencyKey: op.idempotencyKey,
        orderId: op.orderId,
        shipmentId: state?.shipmentId ?? null,
        reason: state?.reason ?? null,
      },
    });
    await this.sql.query(
      `INSERT INTO callbacks (id, operation_id, type, body, lost, next_at, copies) VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond', $7)`,
      [`msg_${uuidv7().replaceAll("-", "")}`, op.id, type, body, o.lost, o.delayMs, o.copies],
    );
  }

  async dueCallbacks(limit = 100): Promise<DueCallback[]> {
    const { rows } = await this.sql.query<{
      id: string;
      type: CallbackType;
      body: string;
      lost: boolean;
      copies: number;
      attempts: number;
      created_at: Date;
      acked: boolean;
    }>(
      `SELECT c.id, c.type, c.body, c.lost, c.copies, c.attempts, c.created_at, o.acked_at IS NOT NULL AS acked
         FROM callbacks c JOIN operations o ON o.id = c.operation_id
        WHERE c.done_at IS NULL AND c.next_at <= now() ORDER BY c.next_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      body: r.body,
      lost: r.lost,
      copies: r.copies,
      attempts: r.attempts,
      createdAt: new Date(r.created_at),
      acked: r.acked,
    }));
  }

  /** One attempt's end: delivered (the app answered 2xx) or not; done, or again after `retryMs`. */
  async callbackAttempted(id: string, o: { delivered: boolean; done: boolean; retryMs: number }) {
    await this.sql.query(
      `UPDATE callbacks SET attempts = attempts + 1, next_at = now() + $2 * interval '1 millisecond',
              delivered_at = CASE WHEN $3 THEN COALESCE(delivered_at, now()) ELSE delivered_at END,
              done_at = CASE WHEN $4 THEN now() ELSE NULL END
        WHERE id = $1`,
      [id, o.retryMs, o.delivered, o.done],
    );
  }

  async callbackDone(id: string) {
    await this.sql.query(`UPDATE callbacks SET done_at = now() WHERE id = $1`, [id]);
  }

  async shipments(orderId: string | null, limit = 1000): Promise<{ count: number; shipments: Shipment[] }> {
    const where = orderId === null ? "" : "WHERE order_id = $2";
    const params = orderId === null ? [limit] : [limit, orderId];
    const [list, count] = await Promise.all([
      this.sql.query<{ id: string; order_id: string; customer_id: string | null; idempotency_key: string; operation_id: string; created_at: Date }>(
        `SELECT id, order_id, customer_id, idempotency_key, operation_id, created_at FROM shipments ${where} ORDER BY created_at, id LIMIT $1`,
        params,
      ),
      this.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM shipments ${orderId === null ? "" : "WHERE order_id = $1"}`,
        orderId === null ? [] : [orderId],
      ),
    ]);
    return {
      count: count.rows[0].n,
      shipments: list.rows.map((r) => ({
        id: r.id,
        orderId: r.order_id,
        customerId: r.customer_id,
        idempotencyKey: r.idempotency_key,
        operationId: r.operation_id,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }
}
