// The sandbox's background work (finishing operations, sending callbacks) as loops that never die:
// a round that found nothing waits a little, one that failed waits longer and goes on.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `round` (which returns how much it did) until stopped; the returned function stops it. */
export function startLoop(name: string, round: () => Promise<number>, idleMs = 20): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        if ((await round()) === 0) await sleep(idleMs);
      } catch (error) {
        console.error(`provider: ${name} failed (it goes on):`, error);
        await sleep(500);
      }
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
