// Cleanup of rows that only matter for a while, on several instances at once: each batch is a
// DELETE of at most `batchSize` rows picked FOR UPDATE SKIP LOCKED, so two cleaners never wait on or
// delete the same rows, and no single statement holds many locks.

/** Runs `deleteBatch` until a batch comes back short; returns how many rows went in all. */
export async function deleteInBatches(batchSize: number, deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
