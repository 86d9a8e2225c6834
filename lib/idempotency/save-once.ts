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

export interface SaveOnceOptions<V> {
  id: string;
  ownerId: string;
  values: V;
  /** Inserts unless the ID exists; resolves to the number of rows inserted (0 or 1). */
  insert: () => Promise<number>;
  /** Reads the row with this ID, whoever owns it. */
  findExisting: () => Promise<{ ownerId: string; values: V } | null>;
}

export async function saveOnce<V extends Record<string, unknown>>(options: SaveOnceOptions<V>): Promise<SaveOutcome> {
  const inserted = await options.insert();
  if (inserted === 1) return { status: "created", id: options.id };
  const existing = await options.findExisting();
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
