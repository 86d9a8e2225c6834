// The sandbox pushes each operation's news to the client's callback URL, signed the Standard
// Webhooks way, as real providers do: a result is re-sent with backoff until the client
// acknowledges the operation (POST /v1/operations/{id}/ack); a "processing" notice only until it is
// answered with a 2xx. The faults make it behave as providers are reported to: twice at once, never,
// out of order, or replayed from hours ago.
import { sign } from "@/lib/webhooks/signature.ts";
import type { FaultState } from "./faults.ts";
import { startLoop } from "./loop.ts";
import type { DueCallback, ProviderStore } from "./store.ts";

export interface CallbackSettings {
  url: string;
  /** Every attempt is signed with each of these (more than one during a rotation). */
  secrets: string[];
  /** Backoff between attempts: base × 2^(attempt-1), capped; given up after `giveUpAfterMs`. */
  retryBaseMs: number;
  retryCapMs: number;
  giveUpAfterMs: number;
}

export interface CallbackStats {
  /** HTTP requests made, copies included. */
  posts: number;
  delivered: number;
  refused: number;
  duplicated: number;
  lost: number;
  replayedOld: number;
}

export const emptyCallbackStats = (): CallbackStats => ({ posts: 0, delivered: 0, refused: 0, duplicated: 0, lost: 0, replayedOld: 0 });

const REPLAY_AGE_SECONDS = 3 * 60 * 60;

export function startCallbacks(
  store: ProviderStore,
  faults: FaultState,
  settings: CallbackSettings,
  stats: CallbackStats,
  intervalMs = 20,
): () => Promise<void> {
  async function post(cb: DueCallback, timestampSeconds: number): Promise<boolean> {
    stats.posts++;
    try {
      const res = await fetch(settings.url, {
        method: "POST",
        headers: { ...sign(settings.secrets, cb.id, timestampSeconds, cb.body), "Content-Type": "application/json" },
        body: cb.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      const ok = res.status >= 200 && res.status < 300;
      if (ok) stats.delivered++;
      else stats.refused++;
      return ok;
    } catch {
      stats.refused++;
      return false;
    }
  }

  async function deliver(cb: DueCallback) {
    if (cb.acked || Date.now() - cb.createdAt.getTime() > settings.giveUpAfterMs) return store.callbackDone(cb.id);
    const retryMs = Math.min(settings.retryCapMs, settings.retryBaseMs * 2 ** cb.attempts);
    if (cb.lost) {
      stats.lost++;
      return store.callbackAttempted(cb.id, { delivered: false, done: false, retryMs });
    }
    const now = Math.floor(Date.now() / 1000);
    const copies = Math.max(cb.copies, faults.roll("duplicateCallbackRate") ? 2 : 1);
    if (copies === 2) stats.duplicated++;
    const replay = faults.value.replayOld;
    if (replay) stats.replayedOld++;
    const [answers] = await Promise.all([
      Promise.all(Array.from({ length: copies }, () => post(cb, now))),
      replay ? post(cb, now - REPLAY_AGE_SECONDS) : Promise.resolve(false),
    ]);
    const delivered = answers.some(Boolean);
    // A result goes on until acknowledged: a 2xx alone does not say the client acted on it.
    const done = delivered && cb.type === "operation.processing";
    await store.callbackAttempted(cb.id, { delivered, done, retryMs });
  }

  return startLoop(
    "callback loop",
    async () => {
      const due = await store.dueCallbacks();
      await Promise.all(due.map(deliver));
      return due.length;
    },
    intervalMs,
  );
}
