import type { BatchResult, BatchTask, PlannedRun } from '../types.js';

/** How a sweep hands batches to an executor. */
export interface ExecuteOptions {
  /** Per-run time limit, ms: a run past it is recorded as `timeout` and the sweep goes on. */
  readonly timeout: number;
  /**
   * Called with each finished piece of work: a whole batch, or part of one (after a timeout or a
   * crashed worker the executor splits a batch). `result.statuses[i]` belongs to `task.runs[i]`.
   * The result's byte arrays are valid until the callback returns: an executor may hand their buffers
   * back to its workers then (copy what must outlive the call). `PiscinaExecutor` calls it in the order
   * the batches were dispatched (a batch that ends first waits for those before it); a BullMQ executor
   * as results come.
   */
  readonly onResult: (task: BatchTask, result: BatchResult) => void;
  /** The sweep's code digest, recorded with the failure lines an executor writes itself. */
  readonly code?: string;
  /** Runs per task before the executor has measured their cost (the experiment's `batchSize`). */
  readonly batchSize?: number;
  /**
   * Runs in the first task (default `batchSize`): a sweep started while its coordinator writes the
   * previous sweep's report gives its threads that much work before the coordinator is back.
   */
  readonly firstTask?: number;
}

/**
 * Where runs execute. The local implementation is {@link PiscinaExecutor}; a queue-backed one
 * (BullMQ on Redis) implements the same three methods around the same `runBatch`.
 */
export interface Executor {
  /**
   * True when the batches run in this process's threads: they can read shared memory, so batches may
   * be ranges of a run space with the recorded ids in a shared table (workers build, hash and skip
   * runs themselves). False for remote workers, which get listed runs.
   */
  readonly local: boolean;
  /** Worker threads started so far, for an executor of this process's threads (recorded with a sweep). */
  readonly started?: number;
  /** Runs every batch; resolves when all are done, or when stopped and the in-flight work has ended. */
  run(batches: readonly BatchTask[], options: ExecuteOptions): Promise<void>;
  /** Stops dispatching; in-flight batches may finish for `graceMs`, then are abandoned. */
  stop(graceMs?: number): void;
  /** Releases workers. */
  close(): Promise<void>;
}

/**
 * The JSON line of a run that produced no result of its own (a timeout, or its worker died).
 *
 * @param run - The run.
 * @param status - `'timeout'` or `'error'`.
 * @param message - What happened.
 * @param time - Milliseconds to record.
 * @param code - The code digest of the sweep (recorded with the line).
 * @returns One line of `results.jsonl`, newline included.
 * @example
 * ```ts
 * failureLine(run, 'timeout', 'exceeded the 500 ms time limit', 500, 'c0de');
 * ```
 */
export function failureLine(
  run: PlannedRun,
  status: 'timeout' | 'error',
  message: string,
  time: number,
  code = '',
): string {
  return `{"id":"${run.id}","status":"${status}","params":${run.params},"message":${JSON.stringify(message)}${code ? `,"code":"${code}"` : ''},"time":${time}}\n`;
}
