// Keeping a panel current by asking the server again and again: one request at a time, the next
// one `intervalMs` after the last answer (so a slow server is never asked twice at once), paused
// while the tab is hidden and resumed, with one request at once, when it is shown again. Polling
// ends when `until` says the data is final, or when the caller stops it.
// React Query did this for the Lab's live panels and the order's delivery timeline; this is the
// part of it they used, without the library's 10 kB (gzip) on those pages (#19, BENCHMARKS.md).

export interface PollOptions<T> {
  load: (signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  onData: (data: T) => void;
  onError: (error: unknown) => void;
  /** Data that needs no more asking (a confirmed order). */
  until?: (data: T) => boolean;
  /** Ask at once, or first wait an interval (when the page was rendered with current data). */
  immediately: boolean;
  /** What the browser provides; tests pass their own. */
  page?: { hidden(): boolean; onVisibilityChange(listener: () => void): () => void };
  timers?: { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const browserPage = {
  hidden: () => document.hidden,
  onVisibilityChange(listener: () => void) {
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
};
const realTimers = { set: (run: () => void, ms: number) => setTimeout(run, ms), clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

/** Starts polling; returns the stop function. */
export function poll<T>(options: PollOptions<T>): () => void {
  const page = options.page ?? browserPage;
  const timers = options.timers ?? realTimers;
  let stopped = false;
  let timer: unknown = null;
  let controller: AbortController | null = null;
  let paused = false;

  const schedule = () => {
    if (!stopped) timer = timers.set(ask, options.intervalMs);
  };
  async function ask() {
    timer = null;
    if (page.hidden()) {
      paused = true; // asked again when the tab is shown
      return;
    }
    controller = new AbortController();
    try {
      const data = await options.load(controller.signal);
      if (stopped) return;
      options.onData(data);
      if (options.until?.(data)) {
        stop();
        return;
      }
    } catch (error) {
      if (stopped) return;
      options.onError(error);
    } finally {
      controller = null;
    }
    schedule();
  }
  const unsubscribe = page.onVisibilityChange(() => {
    if (!paused || page.hidden() || stopped) return;
    paused = false;
    void ask();
  });
  function stop() {
    stopped = true;
    unsubscribe();
    if (timer !== null) timers.clear(timer);
    controller?.abort();
  }

  if (options.immediately) void ask();
  else schedule();
  return stop;
}
