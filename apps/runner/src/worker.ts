// The piscina worker: each task is a batch of runs. Loaded as compiled JS (dist/worker.js).
import { type BatchResult, type BatchTask, runBatch } from './runBatch.js';

/**
 * Piscina task entry: runs one batch.
 *
 * @param task - The batch (see {@link BatchTask}).
 * @returns Its JSON lines and statuses.
 * @example
 * ```ts
 * new Piscina({ filename: new URL('./worker.js', import.meta.url).href }).run(task);
 * ```
 */
export default function worker(task: BatchTask): Promise<BatchResult> {
  return runBatch(task);
}
