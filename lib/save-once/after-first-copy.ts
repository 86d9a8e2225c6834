// Copies of one submit (a double click, a retry sent while the first is still running) that reach
// this server process while the first copy is being saved wait here for it to finish, and only
// then run: by then its row is committed, so each copy's save is a single read. Waiting here holds
// nothing; waiting in the database, on the record's lock, holds a connection and an open
// transaction per copy, which starves every other record's save of connections.
// The database's locks remain the guarantee (other server processes, copies that come later):
// this spares work and never decides an outcome, since each copy still runs its own save.
const firstCopies = new Map<string, Promise<unknown>>();

/** `run` learns whether it waited for a first copy (its row then most likely exists). */
export function afterFirstCopy<T>(key: string, run: (waited: boolean) => Promise<T>): Promise<T> {
  const first = firstCopies.get(key);
  if (first)
    return first.then(
      () => run(true),
      () => run(true),
    );
  const running = run(false);
  firstCopies.set(key, running);
  const forget = () => {
    if (firstCopies.get(key) === running) firstCopies.delete(key);
  };
  running.then(forget, forget);
  return running;
}

/** How many first copies are running now (for tests: nothing may be left behind). */
export function firstCopiesRunning(): number {
  return firstCopies.size;
}
