// Keyset pagination, newest first: the cursor is the last row's (createdAt, id), opaque to clients.
// Opaque is not trusted: a decoded cursor goes into a query, so both parts are checked first.
import { isUuid } from "@/lib/ids.ts";

export interface Position {
  createdAt: Date;
  id: string;
}

// Every row was created between these; a date outside them is not a cursor of ours.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

export const encodeCursor = (p: Position) => Buffer.from(JSON.stringify([p.createdAt.toISOString(), p.id])).toString("base64url");

export function decodeCursor(cursor: string): Position | null {
  try {
    if (cursor.length > 200) return null;
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parts) || parts.length !== 2) return null;
    const [at, id] = parts;
    if (typeof at !== "string" || typeof id !== "string" || !isUuid(id)) return null;
    const createdAt = new Date(at);
    const time = createdAt.getTime();
    if (Number.isNaN(time) || time < EARLIEST || time > LATEST) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

/** Rows after the cursor, in (createdAt desc, id desc) order. */
export const afterCursor = (p: Position | null) => (p ? { OR: [{ createdAt: { lt: p.createdAt } }, { createdAt: p.createdAt, id: { lt: p.id } }] } : {});

/** One page and the cursor of the next (null at the end); `rows` was fetched with `take: limit + 1`. */
export function page<T extends Position, R>(rows: T[], limit: number, present: (row: T) => R) {
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  return { data: shown.map(present), nextCursor: more ? encodeCursor(shown[shown.length - 1]) : null };
}
