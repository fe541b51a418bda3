import type { Queue, QueueEvents } from 'bullmq';
import { RunnerError } from '../../errors.js';
import type { BatchTask, PlannedRun } from '../../types.js';
import { type ExecuteOptions, type Executor, failureLine } from '../executor.js';
import { checkQueueName, DEFAULT_QUEUE, jobData, jobId, resultLines, type SweepJobData } from './job.js';
import { CONNECT_TIMEOUT, checkRedisUrl, connectionOptions, probeRedis, redactUrl } from './redis.js';

/** Options of {@link BullmqExecutor.connect}. */
export interface BullmqExecutorOptions {
  /** Redis URL: `redis://[user:password@]host[:port][/db]`, `rediss://` for TLS. */
  readonly redis: string;
  /** Queue name (default `numcomp-sweep`); the workers must use the same. */
  readonly queue?: string;
  /**
   * Batches in the queue at a time (default 1000): more are enqueued as results come back. Bounds
   * what Redis holds; keep it above the workers' total thread count.
   */
  readonly window?: number;
  /** Connect timeout of the first connection check, ms (default 5000). */
  readonly connectTimeout?: number;
  /** How often the queue is read for finished batches whose event was missed, ms (default 1000). */
  readonly pollInterval?: number;
  /**
   * After this long without a result, check that workers are connected and that no batch vanished
   * from Redis (re-enqueued if so), ms (default 10 000).
   */
  readonly idleCheck?: number;
  /** Where notices go (no worker connected, a batch back in the queue after its worker died, …). */
  readonly log?: (message: string) => void;
}

/** Kept in Redis at most this long if nobody collects them (a coordinator that died), s. */
const KEEP_S = 7 * 24 * 3600;
/** Per job: three attempts, 1 s apart (a worker without the module: another may have it). */
const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 1000 },
  removeOnComplete: { age: KEEP_S },
  removeOnFail: { age: KEEP_S },
} as const;
const LIVE = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
/** Jobs per `addBulk` / per round of concurrent commands. */
const CHUNK = 500;

const encoder = new TextEncoder();

/** The listed runs of a batch (the BullMQ executor gets listed runs only). */
function runsOf(task: BatchTask): readonly PlannedRun[] {
  if (task.work.kind !== 'runs') throw new Error('the BullMQ executor takes listed runs, not ranges');
  return task.work.runs;
}

/** A batch and its job id (its job data is built again when enqueued: it is most of the memory). */
interface Pending {
  readonly id: string;
  readonly task: BatchTask;
}

function message(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

/**
 * Runs batches on remote workers through a BullMQ queue in Redis: each batch is a job whose id is the
 * hash of its runs (so nothing is enqueued twice, and a batch left in the queue by an interrupted
 * sweep is picked up by the next one), workers (`pnpm sweep:worker --redis URL`) run it on their own
 * piscina pool with the same `runBatch`, and its return value — the batch's lines of `results.jsonl`
 * — comes back through the queue's events (and, as a safety net, by reading the finished jobs). Each
 * run is delivered at most once, even when a stalled job is run again by another worker. A job that
 * fails for good (three attempts) is recorded as `error` for each of its runs, so the next sweep runs
 * them again. Collected jobs are removed from Redis.
 *
 * @example
 * ```ts
 * const ex = await BullmqExecutor.connect({ redis: 'redis://127.0.0.1:6379' });
 * const outcome = await runSweep(plan, { out: 'reports', module, executor: ex });
 * await ex.close();
 * ```
 */
export class BullmqExecutor implements Executor {
  /** Workers may run on other machines: batches list their runs, results come back over the queue. */
  readonly local = false;
  /** The Redis URL, password hidden. */
  readonly url: string;
  /** The queue name. */
  readonly queueName: string;
  private readonly queue: Queue<SweepJobData, string>;
  private readonly events: QueueEvents;
  private readonly window: number;
  private readonly pollInterval: number;
  private readonly idleCheck: number;
  private readonly log: (message: string) => void;
  private session: Session | undefined;
  private readonly chores = new Set<Promise<unknown>>();
  private lastError = 0;
  /** The code digest of the current sweep (for failure lines); set by `run`. */
  private code = '';

  /**
   * Checks that Redis answers (short timeout, no retry) before anything is written or enqueued, then
   * opens the queue and starts listening to its events.
   *
   * @param options - Redis URL, queue name and tuning.
   * @returns A connected executor.
   * @throws RunnerError `E_USAGE` for a malformed URL or option, `E_EXECUTOR` naming the URL when Redis
   *   cannot be reached.
   * @example
   * ```ts
   * const ex = await BullmqExecutor.connect({ redis: 'redis://10.0.0.5:6379', log: console.error });
   * ```
   */
  static async connect(options: BullmqExecutorOptions): Promise<BullmqExecutor> {
    const url = checkRedisUrl(options.redis, '--redis');
    for (const key of ['window', 'connectTimeout', 'pollInterval', 'idleCheck'] as const) {
      const v = options[key];
      if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
        throw new RunnerError('E_USAGE', `invalid ${key}: ${v} (expected an integer >= 1)`, {
          path: key,
          value: v,
        });
      }
    }
    const name = checkQueueName(options.queue ?? DEFAULT_QUEUE);
    const timeout = options.connectTimeout ?? CONNECT_TIMEOUT;
    await probeRedis(url, timeout);
    const { Queue, QueueEvents } = await import('bullmq');
    const connection = connectionOptions(url, timeout);
    const queue = new Queue<SweepJobData, string>(name, {
      connection,
      // The events stream carries each batch's results: keep it short (results are also in the job).
      streams: { events: { maxLen: 2000 } },
    });
    const events = new QueueEvents(name, { connection });
    const ex = new BullmqExecutor(url, name, queue, events, options);
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (e) {
      await ex.close();
      throw new RunnerError('E_EXECUTOR', `cannot open queue ${name} at ${ex.url}: ${message(e)}`);
    }
    return ex;
  }

  private constructor(
    url: string,
    name: string,
    queue: Queue<SweepJobData, string>,
    events: QueueEvents,
    options: BullmqExecutorOptions,
  ) {
    this.url = redactUrl(url);
    this.queueName = name;
    this.queue = queue;
    this.events = events;
    this.window = options.window ?? 1000;
    this.pollInterval = options.pollInterval ?? 1000;
    this.idleCheck = options.idleCheck ?? 10_000;
    this.log = options.log ?? (() => {});
    const onError = (e: Error): void => {
      const now = Date.now();
      if (now - this.lastError < 10_000) return;
      this.lastError = now;
      this.log(`redis ${this.url}: ${e.message} (retrying)`);
    };
    queue.on('error', onError);
    events.on('error', onError);
    events.on('completed', ({ jobId: id, returnvalue }) => this.session?.completed(id, returnvalue));
    events.on('failed', ({ jobId: id, failedReason }) => this.session?.failed(id, failedReason));
    events.on('stalled', ({ jobId: id }) => this.session?.stalled(id));
  }

  /**
   * Enqueues the batches not already in the queue (at most `window` at a time), collects their results
   * and calls `onResult` once per batch (see {@link Executor.run}).
   *
   * @param batches - The batches; the job of a batch already queued or finished is not added again.
   * @param options - The per-run time limit (applied by the workers) and the result callback.
   * @returns When every batch is recorded, or after a stop (queued batches stay in the queue).
   */
  run(batches: readonly BatchTask[], options: ExecuteOptions): Promise<void> {
    this.code = options.code ?? '';
    if (this.session !== undefined) return Promise.reject(new Error('BullmqExecutor.run is already running'));
    return new Promise<void>((resolve, reject) => {
      const s = new Session(this.queue, batches, options, {
        window: this.window,
        pollInterval: this.pollInterval,
        idleCheck: this.idleCheck,
        url: this.url,
        queueName: this.queueName,
        log: this.log,
        chore: (p) => this.chore(p),
        code: () => this.code,
        done: (err) => {
          this.session = undefined;
          if (err === undefined) resolve();
          else reject(err);
        },
      });
      this.session = s;
      s.start();
    });
  }

  /**
   * Stops enqueuing and ends the run (after `graceMs`, during which results are still recorded).
   * Nothing is lost: batches in the queue stay there, workers go on, and the next run of the same
   * sweep collects their results instead of enqueuing them again.
   *
   * @param graceMs - How long to keep collecting (default 0: results wait in Redis).
   */
  stop(graceMs = 0): void {
    this.session?.stop(graceMs);
  }

  /** Closes the Redis connections (after removing collected jobs). */
  async close(): Promise<void> {
    this.session?.stop(0);
    const settle = (p: Promise<unknown>, ms: number): Promise<unknown> =>
      Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);
    await settle(Promise.all([...this.chores]), 5000);
    await settle(Promise.all([this.events.close(), this.queue.close()]), 5000);
  }

  /** Tracks a background Redis command (removal of a collected job, …) so that `close` waits for it. */
  private chore(p: Promise<unknown>): void {
    const q = p.catch((e: unknown) => this.log(`redis ${this.url}: ${message(e)}`));
    this.chores.add(q);
    void q.finally(() => this.chores.delete(q));
  }
}

interface SessionContext {
  readonly window: number;
  readonly pollInterval: number;
  readonly idleCheck: number;
  readonly url: string;
  readonly queueName: string;
  readonly log: (message: string) => void;
  readonly chore: (p: Promise<unknown>) => void;
  readonly done: (err?: unknown) => void;
  /** The code digest recorded with a batch's failure lines. */
  readonly code: (task: BatchTask) => string;
}

/** One `run`: the batches to enqueue, the jobs in the queue, the runs delivered. */
class Session {
  private readonly todo: Pending[] = [];
  private next = 0;
  private readonly outstanding = new Map<string, Pending>();
  private readonly delivered = new Set<string>();
  private stopping = false;
  private ended = false;
  private pumping = false;
  private checking = false;
  private timer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private lastResult = Date.now();
  private lastNoWorker = 0;
  private failure: unknown;

  constructor(
    private readonly queue: Queue<SweepJobData, string>,
    batches: readonly BatchTask[],
    private readonly options: ExecuteOptions,
    private readonly ctx: SessionContext,
  ) {
    const seen = new Set<string>();
    for (const task of batches) {
      const data = jobData(task, options.timeout);
      const id = jobId(data);
      if (seen.has(id)) continue;
      seen.add(id);
      this.todo.push({ id, task });
    }
  }

  start(): void {
    this.timer = setInterval(() => this.poll(), this.ctx.pollInterval);
    this.resume().catch((e: unknown) => this.end(e));
  }

  /** Adopts what an earlier sweep left in the queue, then enqueues the rest. */
  private async resume(): Promise<void> {
    const [live, completed, failed] = await Promise.all([
      this.queue.getRanges([...LIVE], 0, -1),
      this.queue.getRanges(['completed'], 0, -1),
      this.queue.getRanges(['failed'], 0, -1),
    ]);
    const liveSet = new Set(live);
    const doneSet = new Set(completed);
    const failedSet = new Set(failed);
    const fresh: Pending[] = [];
    const finished: Pending[] = [];
    let queued = 0;
    for (const p of this.todo) {
      if (doneSet.has(p.id)) finished.push(p);
      else if (liveSet.has(p.id)) queued++;
      else {
        // A job that failed for good in an earlier sweep is removed and enqueued afresh.
        if (failedSet.has(p.id)) await this.queue.remove(p.id);
        fresh.push(p);
        continue;
      }
      this.outstanding.set(p.id, p);
    }
    this.todo.length = 0;
    this.todo.push(...fresh);
    if (queued + finished.length > 0) {
      this.ctx.log(
        `queue ${this.ctx.queueName}: ${queued} batch${queued === 1 ? '' : 'es'} of an earlier sweep still queued, ` +
          `${finished.length} finished: not enqueued again`,
      );
    }
    await this.collectFinished(
      finished.map((p) => p.id),
      'completed',
    );
    await this.pump();
  }

  /** Enqueues while fewer than `window` batches are outstanding. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopping && !this.ended && this.next < this.todo.length) {
        const room = Math.min(CHUNK, this.ctx.window - this.outstanding.size, this.todo.length - this.next);
        if (room <= 0) break;
        const chunk = this.todo.slice(this.next, this.next + room);
        this.next += room;
        for (const p of chunk) this.outstanding.set(p.id, p);
        await this.queue.addBulk(chunk.map((p) => this.job(p)));
      }
    } finally {
      this.pumping = false;
    }
    this.maybeEnd();
  }

  private job(p: Pending): {
    name: string;
    data: SweepJobData;
    opts: typeof JOB_OPTIONS & { jobId: string };
  } {
    return {
      name: p.task.experiment,
      data: jobData(p.task, this.options.timeout),
      opts: { ...JOB_OPTIONS, jobId: p.id },
    };
  }

  /** A `completed` event. */
  completed(id: string, value: unknown): void {
    const p = this.outstanding.get(id);
    if (p === undefined || this.ended) return;
    this.outstanding.delete(id);
    if (typeof value === 'string') this.deliver(p, value);
    else this.fail(p, `the worker returned ${typeof value} instead of result lines`);
    // Removed once its lines are in results.jsonl (a crash in between leaves it to the next sweep).
    this.ctx.chore(this.queue.remove(id));
    this.after();
  }

  /** A `failed` event: the job failed for good (its attempts are spent). */
  failed(id: string, reason: string): void {
    const p = this.outstanding.get(id);
    if (p === undefined || this.ended) return;
    this.outstanding.delete(id);
    this.fail(p, reason);
    this.ctx.chore(this.queue.remove(id));
    this.after();
  }

  /** A `stalled` event: the job's worker stopped renewing its lock; BullMQ put it back in the queue. */
  stalled(id: string): void {
    if (!this.outstanding.has(id) || this.ended) return;
    this.ctx.log(`batch ${id} stalled (its worker stopped or died): back in the queue for another worker`);
  }

  private after(): void {
    this.lastResult = Date.now();
    if (this.failure !== undefined) {
      this.end(this.failure);
      return;
    }
    void this.pump().catch((e: unknown) => this.end(e));
  }

  /** Hands a batch's result lines to `onResult`: each run once, in the order the worker wrote them. */
  private deliver(p: Pending, text: string): void {
    const byId = new Map<string, PlannedRun>();
    for (const r of runsOf(p.task)) byId.set(r.id, r);
    const runs: PlannedRun[] = [];
    let lines = '';
    for (const l of resultLines(text)) {
      const run = byId.get(l.id);
      if (run === undefined || this.delivered.has(l.id)) continue;
      byId.delete(l.id);
      this.delivered.add(l.id);
      runs.push(run);
      lines += l.line;
    }
    for (const run of byId.values()) {
      if (this.delivered.has(run.id)) continue;
      this.delivered.add(run.id);
      runs.push(run);
      lines += failureLine(
        run,
        'error',
        'the worker returned no result for this run',
        0,
        this.ctx.code(p.task),
      );
    }
    this.emit({ ...p.task, work: { kind: 'runs', runs } }, lines, runs.length);
  }

  /** Records every undelivered run of a failed batch as `error` (run again by the next sweep). */
  private fail(p: Pending, reason: string): void {
    const runs = runsOf(p.task).filter((r) => !this.delivered.has(r.id));
    let lines = '';
    for (const r of runs) {
      this.delivered.add(r.id);
      lines += failureLine(r, 'error', `batch failed on the queue: ${reason}`, 0, this.ctx.code(p.task));
    }
    this.ctx.log(`batch ${p.id} failed: ${reason} (its ${runs.length} runs are recorded as error)`);
    this.emit({ ...p.task, work: { kind: 'runs', runs } }, lines, runs.length);
  }

  private emit(task: BatchTask, lines: string, n: number): void {
    if (n === 0) return;
    try {
      this.options.onResult(task, { lines: encoder.encode(lines), ran: n, reused: 0, changed: 0 });
    } catch (e) {
      this.failure ??= e;
    }
  }

  /** Fetches finished jobs (their events were missed, or they finished before this sweep) and collects them. */
  private async collectFinished(ids: readonly string[], state: 'completed' | 'failed'): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const jobs = await Promise.all(ids.slice(i, i + CHUNK).map((id) => this.queue.getJob(id)));
      for (const job of jobs) {
        if (job?.id === undefined) continue;
        if (state === 'completed') this.completed(job.id, job.returnvalue);
        else this.failed(job.id, job.failedReason);
      }
    }
  }

  /** The safety net: finished jobs whose event was missed; and, when idle, workers and vanished jobs. */
  private poll(): void {
    if (this.checking || this.ended || this.outstanding.size === 0) return;
    this.checking = true;
    const check = async (): Promise<void> => {
      const [completed, failed] = await Promise.all([
        this.queue.getRanges(['completed'], 0, -1),
        this.queue.getRanges(['failed'], 0, -1),
      ]);
      const mine = (ids: string[]): string[] => ids.filter((id) => this.outstanding.has(id));
      await this.collectFinished(mine(completed), 'completed');
      await this.collectFinished(mine(failed), 'failed');
      if (Date.now() - this.lastResult >= this.ctx.idleCheck && this.outstanding.size > 0) {
        this.lastResult = Date.now();
        await this.checkIdle();
      }
    };
    check()
      .catch((e: unknown) => this.ctx.log(`redis ${this.ctx.url}: ${message(e)} (retrying)`))
      .finally(() => {
        this.checking = false;
      });
  }

  /** No result for a while: are there workers? Did jobs vanish (a Redis restart without persistence)? */
  private async checkIdle(): Promise<void> {
    const workers = await this.queue.getWorkersCount().catch(() => -1);
    if (workers === 0 && Date.now() - this.lastNoWorker > 60_000) {
      this.lastNoWorker = Date.now();
      this.ctx.log(
        `no sweep worker is connected to queue ${this.ctx.queueName} at ${this.ctx.url}: ` +
          `start one with pnpm sweep:worker --redis ${this.ctx.url}`,
      );
    }
    const ids = [...this.outstanding.keys()];
    const lost: Pending[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const states = await Promise.all(ids.slice(i, i + CHUNK).map((id) => this.queue.getJobState(id)));
      states.forEach((s, j) => {
        const p = this.outstanding.get(ids[i + j]!);
        if (s === 'unknown' && p !== undefined) lost.push(p);
      });
    }
    if (lost.length === 0 || this.stopping || this.ended) return;
    this.ctx.log(`${lost.length} batches vanished from the queue (Redis restarted?): enqueued again`);
    await this.queue.addBulk(lost.map((p) => this.job(p)));
  }

  stop(graceMs: number): void {
    if (this.ended) return;
    if (this.stopping || graceMs <= 0) {
      this.end();
      return;
    }
    this.stopping = true;
    this.graceTimer = setTimeout(() => this.end(), graceMs);
    this.maybeEnd();
  }

  private maybeEnd(): void {
    if (this.outstanding.size === 0 && (this.stopping || this.next >= this.todo.length)) this.end();
  }

  private end(err?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    clearTimeout(this.graceTimer);
    if (err === undefined && this.failure === undefined && this.outstanding.size > 0) {
      this.ctx.log(
        `${this.outstanding.size} batch${this.outstanding.size === 1 ? ' stays' : 'es stay'} in queue ${this.ctx.queueName}: ` +
          `run the same sweep again to collect ${this.outstanding.size === 1 ? 'it' : 'them'}`,
      );
    }
    const e = err ?? this.failure;
    this.ctx.done(
      e === undefined || e instanceof RunnerError
        ? e
        : new RunnerError('E_EXECUTOR', `queue ${this.ctx.queueName} at ${this.ctx.url}: ${message(e)}`),
    );
  }
}
