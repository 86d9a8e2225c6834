// The Lab's short memories (requests received, orders tried): per user, newest first, for a while.
// Kept in this process's memory on purpose: a teaching aid, not a record (with several instances,
// each shows its own). Survives Next's module reloads in development through globalThis.

export interface RecentLog<T extends { at: number }> {
  add(userId: string, entry: T): void;
  /** Newest first, within the window. */
  recent(userId: string, now?: number): T[];
}

export function recentLog<T extends { at: number }>(name: string, o: { windowMs: number; maxPerUser: number }): RecentLog<T> {
  const logs = ((globalThis as { labLogs?: Map<string, Map<string, unknown[]>> }).labLogs ??= new Map());
  const store = (logs.get(name) ?? new Map()) as Map<string, T[]>;
  logs.set(name, store);
  const recent = (userId: string, now = Date.now()) => (store.get(userId) ?? []).filter((e) => now - e.at < o.windowMs);
  return {
    add: (userId, entry) => store.set(userId, [entry, ...recent(userId, entry.at)].slice(0, o.maxPerUser)),
    recent,
  };
}
