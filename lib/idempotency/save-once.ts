// The rule every browser-made ID obeys: the first save of an ID creates the record, and any later
// save of the same ID creates nothing. The insert is one statement (INSERT … ON CONFLICT (id) DO
// NOTHING), so concurrent repeats cannot both insert; the losers read the winner's row and learn
// which of the four outcomes they are.

export type SaveOutcome =
  /** This call created the record. */
  | { status: "created"; id: string }
  /** The same owner already saved this ID with the same values: nothing new, show the record. */
  | { status: "replay"; id: string }
  /** The same owner saved this ID with other values: refuse, never overwrite. */
  | { status: "conflict"; id: string }
  /** Another user's record has this ID: refuse, and reveal nothing about it. */
  | { status: "foreign" };

export interface Existing<V> {
  ownerId: string;
  values: V;
}

/** What one insert-or-read round trip found. */
export type InsertResult<V> = { inserted: true } | { inserted: false; existing: Existing<V> | null };

export interface SaveOnceOptions<V> {
  id: string;
  ownerId: string;
  values: V;
  /**
   * Inserts unless the ID exists and, in the same statement, reads the existing row. The read may
   * come back empty when the winning insert committed after the statement's snapshot was taken;
   * `findExisting` then reads again with a fresh snapshot.
   */
  insertOrRead: () => Promise<InsertResult<V>>;
  findExisting: () => Promise<Existing<V> | null>;
}

export async function saveOnce<V extends Record<string, unknown>>(options: SaveOnceOptions<V>): Promise<SaveOutcome> {
  const result = await options.insertOrRead();
  if (result.inserted) return { status: "created", id: options.id };
  const existing = result.existing ?? (await options.findExisting());
  if (!existing) throw new Error(`Record ${options.id} conflicted on insert but cannot be read`);
  if (existing.ownerId !== options.ownerId) return { status: "foreign" };
  return sameValues(existing.values, options.values)
    ? { status: "replay", id: options.id }
    : { status: "conflict", id: options.id };
}

export function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** Splits an insert-or-read row into the InsertResult shape. */
export function toInsertResult<V>(row: ({ inserted: boolean; ownerId: string | null } & V) | undefined): InsertResult<V> {
  if (!row) return { inserted: false, existing: null };
  if (row.inserted) return { inserted: true };
  const { inserted: _inserted, ownerId, ...values } = row;
  void _inserted;
  return { inserted: false, existing: { ownerId: ownerId!, values: values as unknown as V } };
}
