// Keyset pagination, newest first: the cursor is the last row's (createdAt, id), opaque to clients.
export interface Position { createdAt: Date; id: string }

export const encodeCursor = (p: Position) => Buffer.from(JSON.stringify([p.createdAt.toISOString(), p.id])).toString("base64url");

export function decodeCursor(cursor: string): Position | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

/** Rows after the cursor, in (createdAt desc, id desc) order. */
export const afterCursor = (p: Position | null) =>
  p ? { OR: [{ createdAt: { lt: p.createdAt } }, { createdAt: p.createdAt, id: { lt: p.id } }] } : {};

/** One page and the cursor of the next (null at the end); `rows` was fetched with `take: limit + 1`. */
export function page<T extends Position, R>(rows: T[], limit: number, present: (row: T) => R) {
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  return { data: shown.map(present), nextCursor: more ? encodeCursor(shown[shown.length - 1]) : null };
}
