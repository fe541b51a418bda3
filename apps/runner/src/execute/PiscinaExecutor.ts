import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import { RunnerError } from '../errors.js';
import { SpaceWalker } from '../plan/space.js';
import type { BatchResult, BatchTask, PlannedRun } from '../types.js';
import { type ExecuteOptions, type Executor, failureLine } from './executor.js';
import { TaskEncoder, type WireTask } from './wire.js';

/** Options of {@link PiscinaExecutor}. */
export interface PiscinaExecutorOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly threads?: number;
  /** The compiled worker module (default: `worker.js` beside this file in `dist`). */
  readonly worker?: string | URL;
  /**
   * Semi-space size of each thread's young generation, MB (default 16). Workers allocate a few hundred
   * bytes a run that die within a segment: 4 MB semi-spaces scavenge 3× as often as 16 (130 vs 41
   * times per 10⁵ bench runs, ~0.5 s vs ~0.17 s of a 2.5 s thread) but hold ~25 MB less per thread:
   * the CLI takes 4 for sweeps of 10⁶ runs or more, where memory is what runs out.
   */
  readonly semiSpaceMb?: number;
  /**
   * Threads started at first (default: all). The others start once the work measured in a `run` says
   * what remains of it would take one thread more than {@link GROW_MS}: a thread's start-up (~0.2 s of
   * CPU: Node's bootstrap, the modules, the experiment) is taken from the threads already working, and
   * a sweep of a few thousand cheap runs is over before a second thread pays for itself.
   */
  readonly startThreads?: number;
}

interface Flight {
  readonly progress: Int32Array;
  readonly abort: AbortController;
  /** Last run index seen in `progress`, and when it was first seen (ms). */
  seen: number;
  since: number;
  /** Index of the run that exceeded the limit, once the watchdog has aborted the task. */
  timedOut: number | undefined;
  /** When its worker began its runs (its start-up done), ms (`Date.now()`); 0 before. */
  running: number;
  abandoned: boolean;
}

/** Semi-space size of the worker threads' young generation by default, MB (see `semiSpaceMb`). */
const WORKER_SEMI_SPACE_MB = 16;

/** Buffers moved back with a task: as many as a result hands over (lines, CSV rows, digest numbers). */
const SPARES_PER_TASK = 3;
/** Smaller buffers are not worth moving back. */
const SPARE_MIN_BYTES = 1 << 16;

/**
 * Work per task the executor aims at, ms (see `taskSize`). A task costs a worker ~1–3 ms around its
 * runs (handing results over, taking the next task): at 25 ms that was ~8 % of the bench sweep's run
 * phase on 2 threads.
 */
const TASK_MS = 100;
/** Work left for one thread, ms, above which a growing pool starts the rest of its threads. */
const GROW_MS = 500;
/** How long a growing pool measures its work before it may grow, ms. */
const GROW_AFTER_MS = 100;
/** A growing pool grows when one task has been running this long, ms (whatever it measured). */
const GROW_WAIT_MS = 250;
/**
 * Runs per task at most: a task's lines, CSV rows and digest are in memory until it is folded (two
 * tasks per thread in flight, ~1 kB a run), and folding it makes ~1 kB of garbage a run in one go, which
 * should die in the coordinator's 4 MB young generation: at 8,192 a 10⁶-run sweep peaked 25–40 MB
 * higher (10⁷: 374 MB against 318), at no gain in speed.
 */
const TASK_RUNS = 2048;

/** Runs in a task. */
function taskSize(task: BatchTask): number {
  return task.work.kind === 'range' ? task.work.count : task.work.runs.length;
}

/** Whether two tasks may be merged into one (same experiment and options; ranges contiguous). */
function joinable(a: BatchTask, b: BatchTask, aSize: number): boolean {
  if (
    a.module !== b.module ||
    a.experiment !== b.experiment ||
    a.trajectory !== b.trajectory ||
    a.recorded !== b.recorded ||
    a.previousCode !== b.previousCode ||
    a.plan !== b.plan ||
    a.csvColumns !== b.csvColumns ||
    a.csvXWidth !== b.csvXWidth ||
    a.work.kind !== b.work.kind
  )
    return false;
  if (a.work.kind === 'range' && b.work.kind === 'range')
    return a.work.space === b.work.space && b.work.first === a.work.first + aSize;
  return true;
}

/**
 * The next task: the first queued batch, with the batches after it appended while they are of the
 * same experiment and the task stays within `size` runs.
 */
function merge(queue: BatchTask[], size: number, alone: WeakSet<BatchTask>): BatchTask {
  const first = queue.shift()!;
  let n = taskSize(first);
  let runs: PlannedRun[] | undefined;
  while (queue.length > 0) {
    const next = queue[0]!;
    if (alone.has(next) || n + taskSize(next) > size || !joinable(first, next, n)) break;
    if (next.work.kind === 'runs') {
      runs ??= [...(first.work as { runs: readonly PlannedRun[] }).runs];
      for (const r of next.work.runs) runs.push(r);
    }
    n += taskSize(next);
    queue.shift();
  }
  if (first.work.kind === 'range')
    return n === first.work.count ? first : { ...first, work: { ...first.work, count: n } };
  return runs === undefined ? first : { ...first, work: { kind: 'runs', runs } };
}

/**
 * The next task of about `size` runs: the head of a long range (the rest stays queued), or the first
 * batches merged.
 */
function next(queue: BatchTask[], size: number, alone: WeakSet<BatchTask>): BatchTask {
  const first = queue[0]!;
  if (alone.has(first)) return queue.shift()!;
  if (first.work.kind === 'range' && first.work.count > size) {
    queue[0] = slice(first, size, first.work.count);
    return slice(first, 0, size);
  }
  return merge(queue, size, alone);
}

/** Run `k` of a task (a range's run is built and hashed here: only for failures). */
function runOf(task: BatchTask, k: number): PlannedRun {
  const w = task.work;
  if (w.kind === 'runs') return w.runs[k]!;
  const walker = new SpaceWalker(w.space);
  walker.seek(w.first + k);
  return walker.run();
}

/** The part of a task from run `from` (inclusive) to `to` (exclusive). */
function slice(task: BatchTask, from: number, to: number): BatchTask {
  const w = task.work;
  if (w.kind === 'runs') return { ...task, work: { kind: 'runs', runs: w.runs.slice(from, to) } };
  return { ...task, work: { ...w, first: w.first + from, count: to - from } };
}

const encoder = new TextEncoder();

/** A batch result made of failure lines (a timeout, a crashed worker). */
function failed(lines: string, n: number): BatchResult {
  return { lines: encoder.encode(lines), ran: n, reused: 0, changed: 0 };
}

/** The default worker file: `dist/execute/worker.js` (from source, the compiled copy beside `src`). */
/** How long {@link PiscinaExecutor.close} waits at most for starting threads to load (see `loaded`). */
const LOAD_WAIT_MS = 5000;

/** The key of the message a piscina 5 thread posts once it has loaded its task module. */
const PISCINA_READY = '_WORKER_READY';

function defaultWorker(): URL {
  const here = new URL('.', import.meta.url);
  return here.pathname.endsWith('/src/execute/')
    ? new URL('../../dist/execute/worker.js', here)
    : new URL('worker.js', here);
}

/**
 * Runs batches on a piscina pool of worker threads that load compiled JS. Work goes to the workers
 * in tasks of ~100 ms (2,048 runs at most): long ranges are cut, consecutive batches of cheap runs joined (that task is what
 * `onResult` gets); before any measure, tasks hold `batchSize` runs. Keeps two tasks per thread in flight, so that a stop
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
  /** Worker threads of this process: they share memory with the coordinator. */
  readonly local = true;
  /** Threads the pool may start (piscina's maximum); work goes to at most {@link threads} of them. */
  private readonly max: number;
  /** Worker threads work may go to (see {@link resize}). */
  private cap: number;
  /** Threads work goes to now: `startThreads` until a run grows the pool to `threads`. */
  private active: number;
  private closed: Promise<void> | undefined;
  /** Threads that have loaded their modules (their thread ids: see `loaded`). */
  private readonly loadedThreads = new Set<number>();
  /** Threads started when the pool was closed (what {@link started} says afterwards). */
  private startedBeforeClose = 0;
  /** Semi-space size of the threads' young generations, MB. */
  readonly semiSpaceMb: number;
  private readonly pool: Piscina<WireTask, BatchResult>;
  private readonly encoder = new TaskEncoder();
  /** Single runs split off a task whose worker died: each goes alone, never joined again. */
  private readonly alone = new WeakSet<BatchTask>();
  private stopping = false;
  private readonly flights = new Set<Flight>();
  private graceTimer: NodeJS.Timeout | undefined;
  /** Buffers of written results, moved back to the workers with the next tasks (see `recycle`). */
  private readonly spares: ArrayBuffer[] = [];
  /** Buffers moved back to the workers so far (a diagnostic). */
  returned = 0;
  /**
   * Tasks in dispatch order that have not been delivered yet, each with what its end delivers once
   * every task dispatched before it has been delivered (undefined while it runs): see `deliver`.
   */
  private readonly undelivered = new Map<number, (() => void) | undefined>();
  private dispatched = 0;
  /** Whether {@link preload} has sent its batch. */
  private preloaded = false;
  /**
   * Until that batch is done: the first `run` waits for it (a batch sent to a busy thread would make
   * piscina start another thread for it).
   */
  private preloading: Promise<unknown> | undefined;
  /** That batch, done or not: {@link close} waits for it (see {@link loaded}). */
  private preloadBatch: Promise<unknown> | undefined;
  /** Whether that batch is done. */
  private preloadDone = false;
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
    this.max = threads;
    this.cap = threads;
    const start = options.startThreads ?? threads;
    if (!(Number.isInteger(start) && start >= 1)) {
      throw new RunnerError('E_USAGE', `invalid startThreads: ${start} (expected an integer >= 1)`);
    }
    this.active = Math.min(start, threads);
    const worker = options.worker ?? defaultWorker();
    // The flag is read when an isolate starts (the coordinator keeps its own).
    this.semiSpaceMb = options.semiSpaceMb ?? WORKER_SEMI_SPACE_MB;
    setFlagsFromString(`--max-semi-space-size=${this.semiSpaceMb}`);
    this.pool = new Piscina<WireTask, BatchResult>({
      filename: worker instanceof URL ? worker.href : worker,
      minThreads: this.active,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
    // Which threads have loaded their modules (see `loaded`). Piscina announces the threads it starts
    // with the pool at once (a microtask after this constructor) and any later one once it has loaded.
    let starting = true;
    this.pool.on('workerCreate', (w: { readonly id: number }) => {
      const thread = this.pool.threads.find((t) => t.threadId === w.id);
      if (!starting || thread === undefined) {
        this.loadedThreads.add(w.id);
        return;
      }
      const onMessage = (m: unknown): void => {
        if (typeof m !== 'object' || m === null || !(PISCINA_READY in m)) return;
        this.loadedThreads.add(w.id);
        thread.off('message', onMessage);
      };
      thread.on('message', onMessage);
    });
    queueMicrotask(() => {
      starting = false;
    });
  }

  /** Worker threads work may go to (at most). */
  get threads(): number {
    return this.cap;
  }

  /**
   * Sizes the pool for the work known now: the CLI starts its pool's first thread before it plans the
   * sweeps (the thread's start-up, ~0.2 s, goes on while the rest of the CLI loads and plans), then
   * tells it how many threads the sweeps can use. Threads already started stay; work goes to at most
   * `threads` of them, and no more than that are ever started.
   *
   * @param threads - Threads work may go to (at most those given to the constructor).
   * @param startThreads - Threads to start now (the rest when a run shows they pay; default all).
   */
  resize(threads: number, startThreads = threads): void {
    if (!(Number.isInteger(threads) && threads >= 1 && Number.isInteger(startThreads) && startThreads >= 1)) {
      throw new RunnerError(
        'E_USAGE',
        `invalid threads: ${threads}, ${startThreads} (expected integers >= 1)`,
      );
    }
    this.cap = Math.min(threads, this.max);
    this.active = Math.min(this.cap, Math.max(this.active, startThreads));
  }

  /**
   * Starts the threads work goes to now that are not started yet, without waiting for them: one empty
   * batch of `task`'s experiment per thread (its module loads), and piscina starts a thread for a batch
   * queued while the others are busy. A pool resized to start more threads would otherwise start them
   * with its first tasks, later than a pool made with them.
   *
   * @param task - Any batch of the experiment; its runs are not run.
   */
  prestart(task: BatchTask): void {
    if (this.started >= this.active) return;
    const empty = this.encoder.encode({ ...task, work: { kind: 'runs', runs: [] }, recorded: undefined });
    for (let i = 0; i < this.active; i++) this.pool.run(empty).catch(() => undefined);
  }

  /**
   * Loads an experiment's module on the pool's first thread (an empty batch), once, while the caller
   * goes on: the CLI asks it as soon as it knows the experiment, so that the module loads while the
   * sweep is planned rather than with the first batch.
   *
   * @param task - Any batch of the experiment; its runs are not run.
   */
  preload(task: BatchTask): void {
    if (this.preloaded || this.dispatched > 0) return;
    this.preloaded = true;
    const empty = this.encoder.encode({ ...task, work: { kind: 'runs', runs: [] }, recorded: undefined });
    this.preloading = this.pool.run(empty).catch(() => undefined);
    this.preloadBatch = this.preloading.then(() => {
      this.preloadDone = true;
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
    this.active = this.threads;
    const empty = this.encoder.encode({ ...task, work: { kind: 'runs', runs: [] }, recorded: undefined });
    await Promise.all(Array.from({ length: this.threads }, () => this.pool.run(empty)));
  }

  /**
   * Runs every batch (see {@link Executor.run}).
   *
   * @param batches - The batches, dispatched in order, two per thread at a time (timeouts aside: a task
   *   whose run timed out is split around it and its parts go first).
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
    // A growing pool starts the rest of its threads; throughput is measured again from here (the
    // runs so far went through fewer threads).
    const grow = (): void => {
      this.active = this.threads;
      since = performance.now();
      done = 0;
      this.kick?.();
    };
    return new Promise<void>((resolve, reject) => {
      let failed: unknown;
      const watchdog = setInterval(
        () => {
          this.watch(limit);
          // A growing pool with work queued also grows when a task has been running for GROW_WAIT_MS
          // (runs too long to be measured early, like a tile of 10⁵ lockstep runs).
          if (this.active < this.threads && queue.length > 0) {
            const now = Date.now();
            for (const f of this.flights) {
              if (f.running > 0 && now - f.running > GROW_WAIT_MS) {
                grow();
                break;
              }
            }
          }
        },
        Math.max(20, Math.min(100, limit / 4)),
      );
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
          // A growing pool: the rest of its threads once what remains is worth their start-up, judged
          // after GROW_AFTER_MS of results (a thread's first hundred runs cost ~10× the later ones).
          const grows =
            this.active < this.threads &&
            now - since >= GROW_AFTER_MS &&
            done > 0 &&
            (remaining * this.active * (now - since)) / done > GROW_MS;
          options.onResult(task, result);
          if (grows) grow();
        },
      };
      // The first task's size when given (at most TASK_RUNS: a larger one outgrows the coordinator's young
      // generation as it is folded).
      let first = options.firstTask === undefined ? undefined : Math.min(options.firstTask, TASK_RUNS);
      const pump = (): void => {
        while (
          !this.stopping &&
          failed === undefined &&
          this.flights.size < this.inFlight() &&
          queue.length > 0
        ) {
          const size = first ?? (this.taskSize(done, since, remaining) || (options.batchSize ?? 100));
          first = undefined;
          this.dispatch(next(queue, size, this.alone), queue, counted, limit, pump, (e) => {
            failed ??= e;
          });
        }
        if (this.flights.size === 0 && (queue.length === 0 || this.stopping || failed !== undefined))
          finish();
      };
      this.kick = pump;
      const ready = this.preloading;
      this.preloading = undefined;
      if (ready === undefined) pump();
      else ready.then(pump, pump);
    });
  }

  /**
   * Runs per task: enough for ~{@link TASK_MS} of work at the throughput measured so far (a task costs
   * the main thread ~0.1 ms however many runs it carries), but no more than {@link TASK_RUNS} and an
   * even share of the remaining runs, so that the threads finish together. Before any measure, the
   * batches as given.
   */
  private taskSize(done: number, since: number, remaining: number): number {
    if (done === 0) return 0;
    const perRunMs = (this.active * (performance.now() - since)) / done;
    const want = Math.floor(TASK_MS / Math.max(perRunMs, 1e-6));
    return Math.min(want, TASK_RUNS, Math.ceil(remaining / (2 * this.active)));
  }

  /**
   * Tasks kept in flight: two per working thread, one while piscina could start another thread (it
   * starts one for a task no thread is free for): while a pool waits to grow, or works on fewer threads
   * than it was made with (see {@link resize}).
   */
  private inFlight(): number {
    return this.active < this.max ? this.active : 2 * this.active;
  }

  /** Threads started so far (a diagnostic: a growing pool may not have started them all). */
  get started(): number {
    return this.closed === undefined ? this.pool.threads.length : this.startedBeforeClose;
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
      running: 0,
      abandoned: false,
    };
    this.flights.add(flight);
    const seq = this.dispatched++;
    this.undelivered.set(seq, undefined);
    const spares = this.spares.splice(0, SPARES_PER_TASK);
    this.returned += spares.length;
    const wire = this.encoder.encode({ ...task, progress });
    this.pool
      .run(spares.length === 0 ? wire : { ...wire, spares }, { signal: abort.signal, transferList: spares })
      .then(
        (result) => {
          this.flights.delete(flight);
          this.deliver(seq, () => {
            try {
              options.onResult(task, result);
              this.recycle(result);
            } catch (e) {
              fail(e);
            }
          });
          pump();
        },
        (err: unknown) => {
          this.flights.delete(flight);
          // What a failed task gives (a failure line, or its runs queued again) is given in its turn too.
          this.deliver(seq, () => this.failedTask(task, err, flight, queue, options, limit, fail));
          pump();
        },
      );
  }

  /**
   * Hands a task's end over in dispatch order: tasks go out in the order of their runs, and a sweep's
   * results.jsonl, results.csv and report are then the same whichever thread finishes first (a later
   * task that ends first waits, at most the tasks in flight).
   */
  private deliver(seq: number, end: () => void): void {
    this.undelivered.set(seq, end);
    for (const [k, next] of this.undelivered) {
      if (next === undefined) return;
      this.undelivered.delete(k);
      next();
    }
  }

  /** A task that did not return a result: stopped, timed out, or its worker died. */
  private failedTask(
    task: BatchTask,
    err: unknown,
    flight: Flight,
    queue: BatchTask[],
    options: ExecuteOptions,
    limit: number,
    fail: (e: unknown) => void,
  ): void {
    try {
      if (flight.abandoned) {
        // stopped: the batch's runs stay unrecorded
      } else if (flight.timedOut !== undefined) {
        const i = flight.timedOut;
        const run = runOf(task, i);
        const code = task.work.kind === 'range' ? task.work.space.code : '';
        options.onResult(
          slice(task, i, i + 1),
          failed(failureLine(run, 'timeout', `exceeded the ${limit} ms time limit`, limit, code), 1),
        );
        // The runs before it ran but were not written (a batch is written whole): all go again.
        const n = taskSize(task);
        if (i + 1 < n) queue.unshift(slice(task, i + 1, n));
        if (i > 0) queue.unshift(slice(task, 0, i));
      } else if (taskSize(task) > 1) {
        // The worker died: find the run that kills it by running each alone.
        const n = taskSize(task);
        const singles = Array.from({ length: n }, (_, k) => slice(task, k, k + 1));
        for (const t of singles) this.alone.add(t);
        queue.unshift(...singles);
      } else if (taskSize(task) === 1) {
        const run = runOf(task, 0);
        const code = task.work.kind === 'range' ? task.work.space.code : '';
        const why = `worker crashed: ${(err as Error)?.message ?? String(err)}`;
        options.onResult(task, failed(failureLine(run, 'error', why, 0, code), 1));
      } else {
        fail(
          new RunnerError('E_EXECUTOR', `worker failed to start: ${(err as Error)?.message ?? String(err)}`),
        );
      }
    } catch (e) {
      fail(e);
    }
  }

  /**
   * Keeps a written result's large buffers (its lines, CSV rows and digest numbers: whole buffers a
   * worker moved here) to move back with the next tasks, so that workers write into memory already
   * paged in (see `giveSpare`).
   */
  private recycle(result: BatchResult): void {
    const views = [result.lines, result.digest?.csv, result.digest?.numbers];
    for (const v of views) {
      if (v === undefined || this.spares.length >= SPARES_PER_TASK * 2 * this.threads) continue;
      const b = v.buffer;
      if (b instanceof ArrayBuffer && b.byteLength >= SPARE_MIN_BYTES && !this.spares.includes(b))
        this.spares.push(b);
    }
  }

  /** The watchdog: aborts the task of any run that has been current for longer than the limit. */
  private watch(limit: number): void {
    const now = Date.now();
    for (const f of this.flights) {
      const idx = Atomics.load(f.progress, 0);
      if (idx > 0 && f.running === 0) f.running = now;
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

  /**
   * Ends the threads (once: later calls wait for the same end). When no thread is loading, they are told
   * to end now, not after the caller's next synchronous work: the CLI closes the pool when the last runs
   * are done and then writes the report, which blocks its event loop for ~0.1 s; the threads' ends
   * (~50 ms: their heaps freed) now go on meanwhile on other cores, not after it.
   */
  close(): Promise<void> {
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    if (this.closed === undefined) {
      this.startedBeforeClose = this.pool.threads.length;
      this.closed = this.idle() ? this.pool.destroy() : this.loaded().then(() => this.pool.destroy());
    }
    return this.closed;
  }

  /** Whether {@link loaded} would wait for nothing. */
  private idle(): boolean {
    if (this.flights.size > 0) return true;
    return !this.loading() && (this.preloadBatch === undefined || this.preloadDone);
  }

  /** Whether a thread started has not loaded its modules yet. */
  private loading(): boolean {
    return this.pool.threads.some((t) => !this.loadedThreads.has(t.threadId));
  }

  /**
   * Waits (at most {@link LOAD_WAIT_MS}) until every thread started has loaded its modules (it posts
   * piscina's ready message), unless tasks are in flight. Node 20 aborts the whole process (SIGABRT, "v8::Module::
   * IsGraphAsync must be used on an instantiated module") when a worker thread is terminated while it
   * instantiates its modules: the CLI's first thread starts before the command line is checked, and a
   * command refused at once (exit 2) closed it mid-load, rarely but for real (seen in 3 test runs).
   */
  private async loaded(): Promise<void> {
    const until = Date.now() + LOAD_WAIT_MS;
    while (this.flights.size === 0 && this.loading() && Date.now() < until)
      await new Promise((r) => setTimeout(r, 5));
    // A preload imports an experiment in its thread: the same abort if the thread ends mid-import (a
    // command refused once the experiments are loaded closes the pool right after asking it).
    if (this.preloadBatch !== undefined && this.flights.size === 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.preloadBatch,
        new Promise((r) => {
          timer = setTimeout(r, Math.max(0, until - Date.now()));
        }),
      ]);
      clearTimeout(timer);
    }
  }
}
