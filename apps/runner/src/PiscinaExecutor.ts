import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { rangeOf, rangeTask, taskFields, taskSize } from './_space.js';
import { encodeTask, type WireTask } from './_wire.js';
import { RunnerError } from './errors.js';
import { type ExecuteOptions, type Executor, failureLine } from './executor.js';
import type { PlannedRun } from './planSweep.js';
import type { BatchResult, BatchTask } from './runBatch.js';

/** Options of {@link PiscinaExecutor}. */
export interface PiscinaExecutorOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly threads?: number;
  /** The compiled worker module (default: `worker.js` beside this file in `dist`). */
  readonly worker?: string | URL;
}

interface Flight {
  readonly progress: Int32Array;
  readonly abort: AbortController;
  /** Last run index seen in `progress`, and when it was first seen (ms). */
  seen: number;
  since: number;
  /** Index of the run that exceeded the limit, once the watchdog has aborted the task. */
  timedOut: number | undefined;
  abandoned: boolean;
}

/** Work per task the executor aims at, ms (see `taskSize`). */
const TASK_MS = 25;

/**
 * The next task: the first queued batch, with the batches after it appended while they are of the
 * same experiment and the task stays within `size` runs.
 */
function merge(queue: BatchTask[], size: number): BatchTask {
  const first = queue.shift()!;
  const range = rangeOf(first);
  let n = taskSize(first);
  let runs: PlannedRun[] | undefined;
  while (queue.length > 0) {
    const next = queue[0]!;
    const nextRange = rangeOf(next);
    if (
      n + taskSize(next) > size ||
      next.module !== first.module ||
      next.experiment !== first.experiment ||
      next.trajectory !== first.trajectory ||
      next.objectiveKeys !== first.objectiveKeys ||
      next.csvColumns !== first.csvColumns ||
      next.appendTo !== first.appendTo ||
      (range === undefined) !== (nextRange === undefined) ||
      (range !== undefined && (nextRange!.space !== range.space || nextRange!.first !== range.first + n))
    )
      break;
    if (range === undefined) {
      runs ??= [...first.runs];
      for (const r of next.runs) runs.push(r);
    }
    n += taskSize(next);
    queue.shift();
  }
  if (range !== undefined)
    return n === range.count
      ? first
      : rangeTask(taskFields(first), { space: range.space, first: range.first, count: n });
  return runs === undefined ? first : { ...first, runs };
}

/** The default worker file: `dist/worker.js` (from source, the compiled copy beside `src`). */
function defaultWorker(): URL {
  const here = new URL('.', import.meta.url);
  return here.pathname.endsWith('/src/') ? new URL('../dist/worker.js', here) : new URL('worker.js', here);
}

/**
 * Runs batches on a piscina pool of worker threads that load compiled JS. Consecutive batches of
 * cheap runs go to a worker together, as one task of ~25 ms (their runs concatenated, or their ranges
 * joined; that task is what `onResult` gets). Keeps two tasks per thread in flight, so that a stop
 * takes effect at once. A watchdog reads each task's shared progress cell: a run that stays current
 * longer than the time limit gets its task aborted (piscina terminates the worker and starts
 * another); the run is recorded as `timeout` and the rest of its task is sent again. A task whose
 * worker dies is re-run one run per task, so only the culprit is lost (recorded as `error`).
 *
 * @example
 * ```ts
 * const ex = new PiscinaExecutor({ threads: 2 });
 * await ex.run(batches, { timeout: 30_000, onResult: (task, r) => file.append(r.lines) });
 * await ex.close();
 * ```
 */
export class PiscinaExecutor implements Executor {
  /** Worker threads of this process: they append to the results file themselves. */
  readonly sharesFiles = true;
  /** Worker threads. */
  readonly threads: number;
  private readonly pool: Piscina<WireTask, BatchResult>;
  private stopping = false;
  private readonly flights = new Set<Flight>();
  private graceTimer: NodeJS.Timeout | undefined;
  /** Re-checks the queue of the current `run` (a stop may end it). */
  private kick: (() => void) | undefined;

  /**
   * @param options - Threads and worker file.
   */
  constructor(options: PiscinaExecutorOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    if (!(Number.isInteger(threads) && threads >= 1)) {
      throw new RunnerError('E_USAGE', `invalid threads: ${threads} (expected an integer >= 1)`);
    }
    this.threads = threads;
    const worker = options.worker ?? defaultWorker();
    this.pool = new Piscina<WireTask, BatchResult>({
      filename: worker instanceof URL ? worker.href : worker,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  /**
   * Loads the experiment module on every thread (an empty batch each), so that timing can leave the
   * start-up out.
   *
   * @param task - Any batch of the experiment; its runs are not run.
   * @returns When every thread has answered.
   */
  async warm(task: BatchTask): Promise<void> {
    await Promise.all(
      Array.from({ length: this.threads }, () =>
        this.pool.run(
          encodeTask({ ...taskFields(task), runs: [] }, new Int32Array(new SharedArrayBuffer(4))),
        ),
      ),
    );
  }

  /**
   * Runs every batch (see {@link Executor.run}).
   *
   * @param batches - The batches, dispatched in order, two per thread at a time.
   * @param options - The per-run time limit and the result callback.
   * @returns When every batch has ended, or after a stop when in-flight work has ended.
   */
  run(batches: readonly BatchTask[], options: ExecuteOptions): Promise<void> {
    this.stopping = false;
    const queue: BatchTask[] = [...batches];
    const limit = options.timeout;
    let remaining = 0;
    for (const b of batches) remaining += taskSize(b);
    // Throughput so far, to size tasks: runs finished, and when the first result came.
    let done = 0;
    let since = 0;
    return new Promise<void>((resolve, reject) => {
      let failed: unknown;
      const watchdog = setInterval(() => this.watch(limit), Math.max(20, Math.min(250, limit / 4)));
      const finish = (): void => {
        this.kick = undefined;
        clearInterval(watchdog);
        if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
        if (failed !== undefined) reject(failed);
        else resolve();
      };
      const counted: ExecuteOptions = {
        timeout: limit,
        onResult: (task, result) => {
          const now = performance.now();
          const n = taskSize(task);
          if (since === 0) since = now;
          else done += n;
          remaining -= n;
          options.onResult(task, result);
        },
      };
      const pump = (): void => {
        while (
          !this.stopping &&
          failed === undefined &&
          this.flights.size < 2 * this.threads &&
          queue.length > 0
        ) {
          const size = this.taskSize(done, since, remaining);
          this.dispatch(merge(queue, size), queue, counted, limit, pump, (e) => {
            failed ??= e;
          });
        }
        if (this.flights.size === 0 && (queue.length === 0 || this.stopping || failed !== undefined))
          finish();
      };
      this.kick = pump;
      pump();
    });
  }

  /**
   * Runs per task: enough for ~{@link TASK_MS} of work at the throughput measured so far (a task costs
   * the main thread ~0.1 ms however many runs it carries), but no more than an even share of the
   * remaining runs, so that the threads finish together. Before any measure, the batches as given.
   */
  private taskSize(done: number, since: number, remaining: number): number {
    if (done === 0) return 0;
    const perRunMs = (this.threads * (performance.now() - since)) / done;
    const want = Math.floor(TASK_MS / Math.max(perRunMs, 1e-6));
    return Math.min(want, Math.ceil(remaining / (2 * this.threads)));
  }

  private dispatch(
    task: BatchTask,
    queue: BatchTask[],
    options: ExecuteOptions,
    limit: number,
    pump: () => void,
    fail: (e: unknown) => void,
  ): void {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const abort = new AbortController();
    const flight: Flight = {
      progress,
      abort,
      seen: 0,
      since: Date.now(),
      timedOut: undefined,
      abandoned: false,
    };
    this.flights.add(flight);
    this.pool.run(encodeTask(task, progress), { signal: abort.signal }).then(
      (result) => {
        this.flights.delete(flight);
        try {
          options.onResult(task, result);
        } catch (e) {
          fail(e);
        }
        pump();
      },
      (err: unknown) => {
        this.flights.delete(flight);
        try {
          if (flight.abandoned) {
            // stopped: the batch's runs stay unrecorded
          } else if (flight.timedOut !== undefined) {
            const i = flight.timedOut;
            const run = task.runs[i]!;
            options.onResult(
              { ...task, runs: [run] },
              {
                lines: failureLine(run, 'timeout', `exceeded the ${limit} ms time limit`, limit),
                statuses: ['timeout'],
              },
            );
            const rest = task.runs.filter((_, j) => j !== i);
            if (rest.length > 0) queue.unshift({ ...task, runs: rest });
          } else if (task.runs.length > 1) {
            // The worker died: find the run that kills it by running each alone.
            queue.unshift(...task.runs.map((run) => ({ ...task, runs: [run] })));
          } else if (task.runs.length === 1) {
            const run = task.runs[0]!;
            const why = `worker crashed: ${(err as Error)?.message ?? String(err)}`;
            options.onResult({ ...task }, { lines: failureLine(run, 'error', why, 0), statuses: ['error'] });
          } else {
            fail(
              new RunnerError(
                'E_EXECUTOR',
                `worker failed to start: ${(err as Error)?.message ?? String(err)}`,
              ),
            );
          }
        } catch (e) {
          fail(e);
        }
        pump();
      },
    );
  }

  /** The watchdog: aborts the task of any run that has been current for longer than the limit. */
  private watch(limit: number): void {
    const now = Date.now();
    for (const f of this.flights) {
      const idx = Atomics.load(f.progress, 0);
      if (idx !== f.seen) {
        f.seen = idx;
        f.since = now;
      } else if (idx > 0 && f.timedOut === undefined && !f.abandoned && now - f.since > limit) {
        f.timedOut = idx - 1;
        f.abort.abort(new Error('timeout'));
      }
    }
  }

  /**
   * Stops dispatching; in-flight batches may finish for `graceMs` (a second call abandons them now).
   *
   * @param graceMs - How long in-flight batches may still run (default 2 s).
   */
  stop(graceMs = 2000): void {
    if (this.stopping) {
      this.abandonAll();
      return;
    }
    this.stopping = true;
    this.graceTimer = setTimeout(() => this.abandonAll(), graceMs);
    this.graceTimer.unref();
    this.kick?.();
  }

  private abandonAll(): void {
    for (const f of this.flights) {
      if (f.timedOut !== undefined) continue;
      f.abandoned = true;
      f.abort.abort(new Error('stopped'));
    }
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    await this.pool.destroy();
  }
}
