// The piscina worker: each task is a batch of runs. Loaded as compiled JS (dist/execute/worker.js).
// Its state (decoded spaces, imported modules, built objectives) lives in one runner per thread.
import type { BatchResult } from '../types.js';
import { BatchRunner } from './runBatch.js';
import { TaskDecoder, type WireTask } from './wire.js';

const decoder = new TaskDecoder();
const runner = new BatchRunner();

/**
 * Piscina task entry: decodes a batch and runs it.
 *
 * @param task - The batch, encoded by `TaskEncoder`.
 * @returns Its JSON lines, counts and digest.
 * @example
 * ```ts
 * new Piscina({ filename: new URL('./worker.js', import.meta.url).href }).run(encoder.encode(task));
 * ```
 */
export default async function worker(task: WireTask): Promise<BatchResult> {
  return runner.run(decoder.decode(task));
}
