// A sweep worker: takes batches from the sweep queue in Redis and runs them on this machine's cores
// (a piscina pool per slot, the same batch runner as a local sweep). Closing stops taking batches and
// lets those in flight finish for a grace period, then hands them back to the queue. The command line
// is `cli/worker.ts`.
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job, Worker } from 'bullmq';
import { RunnerError } from '../../errors.js';
import { PiscinaExecutor } from '../PiscinaExecutor.js';
import {
  checkQueueName,
  DEFAULT_QUEUE,
  JOB_FORMAT,
  jobTask,
  resolveJobModule,
  type SweepJobData,
} from './job.js';
import { CONNECT_TIMEOUT, checkRedisUrl, connectionOptions, probeRedis, redactUrl } from './redis.js';

/** Options of {@link startSweepWorker}. */
export interface SweepWorkerOptions {
  /** Redis URL: `redis://[user:password@]host[:port][/db]`, `rediss://` for TLS. */
  readonly redis: string;
  /** Queue name (default `numcomp-sweep`), the coordinator's. */
  readonly queue?: string;
  /** Batches run at once, one worker thread each (default: the machine's available parallelism). */
  readonly threads?: number;
  /** Directory of compiled experiment modules (default: `experiments/dist` of this checkout). */
  readonly experiments?: string;
  /** Lock of a batch, ms (default 30 000): a dead worker's batches go back to the queue after this. */
  readonly lockDuration?: number;
  /** How often this worker looks for batches whose worker died, ms (default 30 000). */
  readonly stalledInterval?: number;
  /** Connect timeout of the first connection check, ms (default 5000). */
  readonly connectTimeout?: number;
  /** Name shown in Redis and stored on the jobs it runs (default `<hostname>:<pid>`). */
  readonly name?: string;
  /** Where notices go (default: nowhere). */
  readonly log?: (message: string) => void;
  /** Log a line per batch. */
  readonly verbose?: boolean;
}

/** A running sweep worker. */
export interface SweepWorker {
  readonly name: string;
  readonly threads: number;
  /** Batches finished so far. */
  readonly batches: number;
  /** Runs finished so far. */
  readonly runs: number;
  /**
   * Stops taking batches; those in flight may finish for `graceMs` (default 10 s), then go back to the
   * queue for another worker. Calling it again with 0 hands them back at once.
   */
  close(graceMs?: number): Promise<void>;
}

/** `experiments/dist` of this checkout, from `apps/runner/{dist,src}/`. */
function defaultExperiments(): string {
  return fileURLToPath(new URL('../../../../../experiments/dist/', import.meta.url));
}

function checkInt(name: string, v: number | undefined, min: number): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= min)) {
    throw new RunnerError('E_USAGE', `invalid ${name}: ${v} (expected an integer >= ${min})`, {
      path: name,
      value: v,
    });
  }
}

/**
 * Starts a sweep worker: checks that Redis answers, then takes batches from the queue, `threads` at a
 * time, and runs each on a one-thread piscina pool (time limits, crashed threads and results exactly
 * as in a local sweep); a batch's return value is its lines of `results.jsonl`. The experiment module
 * a batch names is this checkout's `experiments/dist/<file>` (or the coordinator's path, when it exists
 * here), and must have the coordinator's content hash. Stalled-job recovery: a batch whose worker stops
 * renewing its lock goes back to the queue after `lockDuration`.
 *
 * @param options - Redis URL, threads, queue and tuning.
 * @returns The running worker.
 * @throws RunnerError `E_USAGE` for a bad option, `E_EXECUTOR` naming the URL when Redis cannot be reached.
 * @example
 * ```ts
 * const worker = await startSweepWorker({ redis: 'redis://10.0.0.5:6379', threads: 8, log: console.error });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  const url = checkRedisUrl(options.redis, '--redis');
  checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const threads = options.threads ?? availableParallelism();
  checkInt('threads', threads, 1);
  checkInt('lockDuration', options.lockDuration, 1000);
  checkInt('stalledInterval', options.stalledInterval, 100);
  checkInt('connectTimeout', options.connectTimeout, 1);
  const timeout = options.connectTimeout ?? CONNECT_TIMEOUT;
  await probeRedis(url, timeout);
  const bullmq = await import('bullmq');
  return new RunningWorker(bullmq, url, threads, timeout, options);
}

class RunningWorker implements SweepWorker {
  readonly name: string;
  readonly threads: number;
  batches = 0;
  runs = 0;
  private readonly worker: Worker<SweepJobData, string>;
  private readonly slots: PiscinaExecutor[];
  private readonly free: PiscinaExecutor[];
  /** Jobs taken ahead, waiting for a slot (resolved with none when the worker closes). */
  private readonly waiters: ((slot: PiscinaExecutor | undefined) => void)[] = [];
  private stopping = false;
  private readonly dir: string;
  private readonly modules = new Map<string, Promise<string>>();
  private readonly log: (message: string) => void;
  private closing: Promise<void> | undefined;
  private lastError = 0;

  constructor(
    bullmq: typeof import('bullmq'),
    url: string,
    threads: number,
    connectTimeout: number,
    options: SweepWorkerOptions,
  ) {
    this.name = options.name ?? `${hostname()}:${process.pid}`;
    this.threads = threads;
    this.dir = resolve(options.experiments ?? defaultExperiments());
    this.log = options.log ?? (() => {});
    const verbose = options.verbose ?? false;
    this.slots = Array.from({ length: threads }, () => new PiscinaExecutor({ threads: 1 }));
    this.free = [...this.slots];
    const { Worker, UnrecoverableError, WaitingError } = bullmq;
    // Three parameters: BullMQ passes an AbortSignal only to a processor that declares one.
    const processor = async (
      job: Job<SweepJobData, string>,
      token: string | undefined,
      signal: AbortSignal | undefined,
    ): Promise<string> => {
      const data = job.data;
      if (data?.v !== JOB_FORMAT) {
        throw new UnrecoverableError(
          `job format ${String(data?.v)} is not ${JOB_FORMAT}: the coordinator and this worker run different numcomp versions`,
        );
      }
      // Back to the queue for another worker (when the lock is already lost, it is someone else's).
      const handBack = async (why: string): Promise<never> => {
        await job.moveToWait(token).catch(() => {});
        if (verbose) this.log(`batch ${job.id}: ${why}`);
        throw new WaitingError();
      };
      const task = jobTask(data, await this.moduleFor(data));
      const slot = await this.acquire(signal);
      if (slot === undefined)
        return handBack('not started (closing, or its lock was lost): back in the queue');
      const t0 = Date.now();
      if (verbose)
        this.log(
          `batch ${job.id}: ${task.work.kind === 'runs' ? task.work.runs.length : task.work.count} runs`,
        );
      const parts: Uint8Array[] = [];
      let n = 0;
      const release = (): void => slot.stop(0);
      signal?.addEventListener('abort', release, { once: true });
      try {
        await slot.run([task], {
          timeout: data.timeout,
          onResult: (_t, r) => {
            // A copy: the slot hands the result's buffers back to its threads after this call.
            parts.push(r.lines.slice());
            n += r.ran;
          },
        });
      } finally {
        signal?.removeEventListener('abort', release);
        this.releaseSlot(slot);
      }
      if (signal?.aborted) return handBack(`stopped (${String(signal.reason)}): back in the queue`);
      this.batches++;
      this.runs += n;
      if (verbose) this.log(`batch ${job.id}: done in ${Date.now() - t0} ms`);
      return Buffer.concat(parts).toString('utf8');
    };
    this.worker = new Worker<SweepJobData, string>(options.queue ?? DEFAULT_QUEUE, processor, {
      connection: connectionOptions(url, connectTimeout),
      name: this.name,
      // One job more than threads: the next batch is at hand when a slot frees (no Redis round trip
      // between batches); it waits for a slot, its lock renewed like the others'.
      concurrency: threads + 1,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      // A batch may lose two workers before it fails (then its runs are recorded as error).
      maxStalledCount: 2,
    });
    this.worker.on('error', (e: Error) => {
      // This worker was paused past its lock (SIGSTOP, a suspended VM): the batch went to another
      // worker, so stop computing it.
      const lost = /^could not renew lock for job (\S+)$/.exec(e.message)?.[1];
      if (lost !== undefined) {
        this.log(`batch ${lost}: lock lost (was this worker paused?): dropped, another worker runs it`);
        this.worker.cancelJob(lost, 'lock lost');
        return;
      }
      const now = Date.now();
      if (now - this.lastError < 10_000) return;
      this.lastError = now;
      this.log(`redis ${redactUrl(url)}: ${e.message}`);
    });
    this.worker.on('failed', (job, err) => {
      if (err.name === 'WaitingError') return;
      this.log(`batch ${job?.id} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
    });
  }

  /** A free slot, when there is one; none once closing or when `signal` aborts first. */
  private acquire(signal: AbortSignal | undefined): Promise<PiscinaExecutor | undefined> {
    if (this.stopping || signal?.aborted) return Promise.resolve(undefined);
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => {
      const waiter = (s: PiscinaExecutor | undefined): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(s);
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaseSlot(slot: PiscinaExecutor): void {
    const next = this.waiters.shift();
    if (next !== undefined) next(slot);
    else this.free.push(slot);
  }

  /** The module URL of a job's experiment on this machine, checked once per module and hash. */
  private moduleFor(data: SweepJobData): Promise<string> {
    const key = `${data.module}\0${data.moduleHash}\0${data.moduleUrl}`;
    let p = this.modules.get(key);
    if (p === undefined) {
      p = (async () => {
        const url = resolveJobModule(data, this.dir);
        const mod = (await import(url)) as { default?: { id?: unknown } };
        if (mod.default?.id !== data.experiment) {
          throw new Error(
            `${fileURLToPath(url)} defines experiment ${JSON.stringify(mod.default?.id)}, not ${JSON.stringify(data.experiment)}`,
          );
        }
        return url;
      })();
      this.modules.set(key, p);
      // Only successes are kept: a failure is checked again (the build may have been fixed).
      p.catch(() => this.modules.delete(key));
    }
    return p;
  }

  close(graceMs = 10_000): Promise<void> {
    if (this.closing !== undefined) {
      if (graceMs <= 0) this.worker.cancelAllJobs('released');
      return this.closing;
    }
    this.stopping = true;
    for (const w of this.waiters.splice(0)) w(undefined);
    this.closing = (async () => {
      const timer = setTimeout(() => this.worker.cancelAllJobs('released'), Math.max(0, graceMs));
      try {
        await this.worker.close();
      } finally {
        clearTimeout(timer);
        await Promise.all(this.slots.map((s) => s.close()));
      }
    })();
    return this.closing;
  }
}
