// What a merge moved to its survivor, each item with where it was, so that an undo moves back
// exactly these (and not, say, orders placed on the survivor since).
export interface Moved {
  orders: Array<{ id: string; from: string }>;
  decisions: Array<{ customerId: string; matchId: string; was: { customerId: string; matchId: string } }>;
  /** Records merged earlier into one of this merge's records, now pointing to its survivor. */
  tombstones: Array<{ id: string; was: string }>;
}

export function readMoved(value: unknown): Moved {
  const v = (value ?? {}) as Partial<Moved>;
  return { orders: v.orders ?? [], decisions: v.decisions ?? [], tombstones: v.tombstones ?? [] };
}
