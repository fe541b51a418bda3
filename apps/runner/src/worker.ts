// The piscina worker: each task is a batch of runs. Loaded as compiled JS (dist/worker.js).
import { decodeTask, type WireTask } from './_wire.js';
import { type BatchResult, runBatch } from './runBatch.js';

/**
 * Piscina task entry: decodes a batch and runs it.
 *
 * @param task - The batch, with its runs encoded as one string (see `_wire.ts`).
 * @returns Its JSON lines, statuses and digest.
 * @example
 * ```ts
 * new Piscina({ filename: new URL('./worker.js', import.meta.url).href }).run(encodeTask(task, progress));
 * ```
 */
export default function worker(task: WireTask): Promise<BatchResult> {
  return runBatch(decodeTask(task));
}
