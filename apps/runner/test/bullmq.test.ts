import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqExecutor } from '../src/execute/bullmq/BullmqExecutor.ts';
import { jobData, jobId, jobTask, resolveJobModule, resultLines } from '../src/execute/bullmq/job.ts';
import { checkRedisUrl, redactUrl } from '../src/execute/bullmq/redis.ts';
import { failureLine } from '../src/execute/executor.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import type { BatchResult, BatchTask, PlannedRun } from '../src/types.ts';
import { cleanup, FIXTURES, records, stable, start, sweep, tmp } from './_cli.ts';
import {
  freePort,
  HAS_REDIS,
  type RedisServer,
  startRedis,
  startWorker,
  stopWorker,
  type WorkerProcess,
} from './_redis.ts';

const queued = ['--experiments', join(FIXTURES, 'queued')];
/** Short locks, so that a killed worker's batch is back in the queue within ~3 s. */
const FAST_STALL = ['--threads', '1', '--lock-duration', '2000', '--stalled-interval', '1000'];

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

function ids(file: string): string[] {
  return records(file).map((r) => r.id as string);
}

/** A batch of the `queued` fixture (one run per override value), with its module at `module`. */
async function queuedTask(module: string, overrides: string[]): Promise<BatchTask> {
  const def = (await import(pathToFileURL(join(FIXTURES, 'queued', 'queued.js')).href)).default;
  const plan = planSweep(def, parseOverrides(overrides));
  return {
    module: pathToFileURL(module).href,
    experiment: 'queued',
    trajectory: plan.trajectory,
    work: { kind: 'runs', runs: Array.from({ length: plan.count }, (_, i) => plan.runAt(i)) },
  };
}

/** The listed runs of a batch. */
const runsOf = (t: BatchTask): readonly PlannedRun[] => (t.work as { runs: readonly PlannedRun[] }).runs;
/** A batch with other runs. */
const withRuns = (t: BatchTask, runs: readonly PlannedRun[]): BatchTask => ({
  ...t,
  work: { kind: 'runs', runs },
});
const text = (res: BatchResult): string => new TextDecoder().decode(res.lines);

describe('BullMQ jobs (wire format)', () => {
  afterAll(cleanup);

  it('jobId(jobData(task)) depends on the set of runs, not their order, and on their trajectory flags', async () => {
    const dir = tmp();
    const file = join(dir, 'queued.js');
    writeFileSync(file, 'export default {};\n');
    const task = await queuedTask(file, ['lr=0.0001,0.001', 'x0=[1,1],[0,0]']);
    expect(runsOf(task)).toHaveLength(4);
    const id = jobId(jobData(task, 1000));
    expect(id).toMatch(/^queued\.[0-9a-f]{32}$/);
    expect(jobId(jobData(withRuns(task, [...runsOf(task)].reverse()), 1000))).toBe(id);
    const flipped = runsOf(task).map((r, i) => (i === 2 ? { ...r, trajectory: !r.trajectory } : r));
    expect(jobId(jobData(withRuns(task, flipped), 1000))).not.toBe(id);
    expect(jobId(jobData(withRuns(task, runsOf(task).slice(1)), 1000))).not.toBe(id);
    expect(jobId(jobData(task, 2000))).not.toBe(id);
    // The coordinator's path is not part of the id: another checkout enqueues the same job.
    const other = join(tmp(), 'queued.js');
    writeFileSync(other, 'export default {};\n');
    expect(jobId(jobData({ ...task, module: pathToFileURL(other).href }, 1000))).toBe(id);
    // …but the module's content is.
    const changed = join(tmp(), 'queued.js');
    writeFileSync(changed, 'export default { changed: true };\n');
    expect(jobId(jobData({ ...task, module: pathToFileURL(changed).href }, 1000))).not.toBe(id);
  });

  it('jobTask(jobData(task)) gives the batch back, with the module the worker resolved', async () => {
    const dir = tmp();
    const file = join(dir, 'queued.js');
    writeFileSync(file, 'export default {};\n');
    const task = await queuedTask(file, ['lr=0.0001,0.001']);
    const data = JSON.parse(JSON.stringify(jobData(task, 500)));
    expect(data).toMatchObject({ v: 2, experiment: 'queued', module: 'queued.js', timeout: 500 });
    expect(jobTask(data, 'file:///elsewhere/queued.js')).toEqual({
      ...task,
      module: 'file:///elsewhere/queued.js',
    });
  });

  it('resolveJobModule prefers the worker’s build, falls back to the coordinator’s path, and checks the hash', () => {
    const theirs = tmp();
    const mine = tmp();
    const coordinator = join(theirs, 'exp.js');
    writeFileSync(coordinator, 'export default 1;\n');
    const data = jobData(
      {
        module: pathToFileURL(coordinator).href,
        experiment: 'e',
        trajectory: {},
        work: { kind: 'runs', runs: [] },
      },
      1000,
    );
    // Not in the worker's directory: the coordinator's file (same machine).
    expect(resolveJobModule(data, mine)).toBe(pathToFileURL(coordinator).href);
    // In the worker's directory with the same content: the worker's own.
    writeFileSync(join(mine, 'exp.js'), 'export default 1;\n');
    expect(resolveJobModule(data, mine)).toBe(pathToFileURL(join(mine, 'exp.js')).href);
    // Another build and no shared file system: refused, naming the file and the fix.
    const elsewhere = tmp();
    writeFileSync(join(elsewhere, 'exp.js'), 'export default 2;\n');
    const remote = { ...data, moduleUrl: 'file:///nowhere/exp.js' };
    expect(() => resolveJobModule(remote, elsewhere)).toThrow(
      `${join(elsewhere, 'exp.js')} differs from the coordinator's exp.js`,
    );
    expect(() => resolveJobModule(remote, tmp())).toThrow(
      /experiment module exp.js not found in .*pnpm build/,
    );
  });

  it('resultLines reads ids and statuses of runBatch and failure lines, and skips other text', () => {
    const run = { id: 'fedcba9876543210', trajectory: false, params: '{"lr":0.1}' };
    const text =
      '{"id":"0123456789abcdef","status":"max-iter","params":{"s":"\\"status\\":\\"x\\""},"x":[1],"time":0.5}\n' +
      'garbage\n' +
      failureLine(run, 'timeout', 'exceeded', 5);
    expect(resultLines(text).map(({ id, status }) => [id, status])).toEqual([
      ['0123456789abcdef', 'max-iter'],
      ['fedcba9876543210', 'timeout'],
    ]);
    expect(
      resultLines(text)
        .map((l) => l.line)
        .join(''),
    ).toBe(text.replace('garbage\n', ''));
  });

  it('checkRedisUrl accepts redis:// and rediss:// URLs; redactUrl hides the password', () => {
    expect(checkRedisUrl('redis://10.0.0.5:6379/2', '--redis')).toBe('redis://10.0.0.5:6379/2');
    expect(checkRedisUrl('rediss://h', '--redis')).toBe('rediss://h');
    expect(() => checkRedisUrl('10.0.0.5:6379', '--redis')).toThrow('invalid --redis: "10.0.0.5:6379"');
    expect(() => checkRedisUrl('http://h:6379', '--redis')).toThrow('invalid --redis: "http://h:6379"');
    expect(redactUrl('redis://user:s3cret@h:6379/1')).toBe('redis://user:***@h:6379/1');
    expect(redactUrl('redis://h:6379')).toBe('redis://h:6379');
  });
});

describe('pnpm sweep --executor bullmq: command line and connection errors', { timeout: 30_000 }, () => {
  afterAll(cleanup);

  it.each([
    [['--executor', 'bullmq'], 'missing --redis: --executor bullmq needs the URL of Redis'],
    [['--executor', 'bull'], 'invalid --executor: "bull" (expected piscina or bullmq; did you mean bullmq?)'],
    [['--executor', 'bullmq', '--redis', 'localhost:6379'], 'invalid --redis: "localhost:6379"'],
    [['--redis', 'redis://h:6379'], '--redis needs --executor bullmq'],
  ])('%j exits 2 naming the option, and writes nothing', async (args, message) => {
    const out = join(tmp(), 'reports');
    const r = await sweep(...queued, '--out', out, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an unreachable Redis exits 1 naming the URL (password hidden), and writes nothing', async () => {
    const out = join(tmp(), 'reports');
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const t0 = Date.now();
    const r = await sweep(...queued, '--out', out, '--executor', 'bullmq', '--redis', url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error [E_EXECUTOR]: cannot connect to Redis at ${url.replace('hunter2', '***')}`,
    );
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).not.toContain('hunter2');
    expect(existsSync(out)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

if (!HAS_REDIS) {
  // In CI a missing redis-server is a failure, never a silent skip (.ci/run installs it).
  if (process.env.CI) throw new Error('bullmq.test.ts cannot run in CI: redis-server is not on PATH');
  console.warn('bullmq.test.ts: redis-server is not on PATH: the BullMQ integration tests are skipped');
}

describe.skipIf(!HAS_REDIS)(
  'BullMQ executor on redis-server with sweepWorker processes',
  { timeout: 90_000 },
  () => {
    let redis: RedisServer;
    let a: WorkerProcess | undefined;
    let b: WorkerProcess | undefined;
    let reference = '';

    beforeAll(async () => {
      redis = await startRedis();
      // The same sweep on the local piscina pool: what the queue must reproduce, bit for bit.
      reference = tmp();
      const r = await sweep(...queued, '--out', reference, '--threads', '2');
      expect(r.code).toBe(0);
    }, 60_000);

    afterAll(async () => {
      await Promise.all([stopWorker(a), stopWorker(b)]);
      await redis?.stop();
      cleanup();
    });

    it('two workers, one SIGKILLed mid-batch: results equal the piscina executor’s, none missing, none doubled; a re-run reuses all', async () => {
      [a, b] = await Promise.all([
        startWorker(redis.url, ...FAST_STALL, '--verbose'),
        startWorker(redis.url, ...FAST_STALL, '--verbose'),
      ]);
      const out = tmp();
      const file = join(out, 'queued', 'results.jsonl');
      const coordinator = start([...queued, '--out', out, '--executor', 'bullmq', '--redis', redis.url]);
      // Kill worker a as it starts its second batch (a batch takes ~100 ms: it dies mid-batch).
      const started = (w: WorkerProcess): string[] =>
        [...w.log().matchAll(/batch (\S+): 100 runs/g)].map((m) => m[1]!);
      await waitFor(() => started(a!).length >= 2, 30_000, 'worker a to start two batches');
      a.child.kill('SIGKILL');
      await a.exited;
      const lost = started(a).at(-1)!;
      expect(a.log()).not.toContain(`batch ${lost}: done`);

      const r = await coordinator.done;
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('queued: 2000 runs (2000 new, 0 reused): 2000 max-iter');
      // BullMQ's stalled-job recovery handed the lost batch to worker b.
      expect(r.stderr).toContain(`batch ${lost} stalled (its worker stopped or died): back in the queue`);
      expect(b.log()).toContain(`batch ${lost}: done`);
      const got = ids(file);
      expect(got).toHaveLength(2000);
      expect(new Set(got).size).toBe(2000);
      expect(stable(file)).toEqual(stable(join(reference, 'queued', 'results.jsonl')));

      const before = readFileSync(file, 'utf8');
      const again = await sweep(...queued, '--out', out, '--executor', 'bullmq', '--redis', redis.url);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('queued: 2000 runs (0 new, 2000 reused)');
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

    it('SIGINT keeps whole lines and leaves the batches in the queue; the re-run collects them without enqueuing them again', async () => {
      b ??= await startWorker(redis.url, ...FAST_STALL);
      const out = tmp();
      const file = join(out, 'queued', 'results.jsonl');
      const { child, done } = start([...queued, '--out', out, '--executor', 'bullmq', '--redis', redis.url]);
      await waitFor(() => lineCount(file) >= 100, 30_000, 'a first batch');
      child.kill('SIGINT');
      const r = await done;
      expect(r.code).toBe(130);
      expect(r.stderr).toMatch(/\d+ batch(es stay| stays) in queue numcomp-sweep: run the same sweep again/);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
      const kept = lineCount(file);
      expect(kept % 100).toBe(0); // whole batches
      expect(kept).toBeLessThan(2000);

      const resumed = await sweep(...queued, '--out', out, '--executor', 'bullmq', '--redis', redis.url);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`queued: 2000 runs (${2000 - kept} new, ${kept} reused)`);
      const m =
        /(\d+) batch(?:es)? of an earlier sweep still queued, (\d+) finished: not enqueued again/.exec(
          resumed.stderr,
        );
      expect(m).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe((2000 - kept) / 100);
      const got = ids(file);
      expect(new Set(got).size).toBe(got.length);
      expect(stable(file)).toEqual(stable(join(reference, 'queued', 'results.jsonl')));
    });

    it('runs that throw, kill their thread or never end are recorded as on the local pool', async () => {
      b ??= await startWorker(redis.url, ...FAST_STALL);
      const out = tmp();
      const r = await sweep(
        '--experiments',
        join(FIXTURES, 'faults'),
        '--out',
        out,
        '--executor',
        'bullmq',
        '--redis',
        redis.url,
        'faults',
      );
      expect(r.code).toBe(0);
      const byMode = Object.fromEntries(
        records(join(out, 'faults', 'results.jsonl')).map((x) => [(x.params as { mode: string }).mode, x]),
      );
      expect(byMode.ok).toMatchObject({ status: 'ok', values: { mode: 'ok', value: 2 } });
      expect(byMode.throw).toMatchObject({ status: 'error', message: 'RangeError: run exploded' });
      expect(byMode.exit).toMatchObject({
        status: 'error',
        message: 'worker crashed: worker exited with code: 3',
      });
      expect(byMode.hang).toMatchObject({ status: 'timeout', message: 'exceeded the 500 ms time limit' });
      expect(byMode.fine).toMatchObject({ status: 'ok', values: { mode: 'fine', value: 4 } });
    });

    it('a run that comes back in two batches is delivered once, each result with its own run', async () => {
      b ??= await startWorker(redis.url, ...FAST_STALL);
      const task = await queuedTask(join(FIXTURES, 'queued', 'queued.js'), [
        'lr=0.001',
        'x0=[1,1],[0,0],[1,0]',
      ]);
      const [r1, r2, r3] = runsOf(task) as [PlannedRun, PlannedRun, PlannedRun];
      const ex = await BullmqExecutor.connect({ redis: redis.url });
      const got: string[] = [];
      try {
        await ex.run([withRuns(task, [r1, r2]), withRuns(task, [r2, r3])], {
          timeout: 5000,
          onResult: (t, res) => {
            const lines = resultLines(text(res));
            expect(lines.map((l) => l.id)).toEqual(runsOf(t).map((r) => r.id));
            expect(res.ran).toBe(lines.length);
            got.push(...lines.map((l) => l.id));
          },
        });
      } finally {
        await ex.close();
      }
      expect(got.sort()).toEqual([r1.id, r2.id, r3.id].sort());
    });

    it('a batch whose module no worker can find fails after three attempts: its runs are recorded as error', async () => {
      b ??= await startWorker(redis.url, ...FAST_STALL);
      const dir = tmp();
      const module = join(dir, 'vanishing.js');
      writeFileSync(module, 'export default {};\n');
      const task = await queuedTask(module, ['lr=0.001', 'x0=[1,1],[0,0]']);
      const log: string[] = [];
      const ex = await BullmqExecutor.connect({
        redis: redis.url,
        log: (m) => log.push(m),
        pollInterval: 200,
      });
      const results: [BatchTask, BatchResult][] = [];
      try {
        const running = ex.run([task], { timeout: 5000, onResult: (t, res) => results.push([t, res]) });
        rmSync(module); // gone before any worker looks for it
        await running;
      } finally {
        await ex.close();
      }
      expect(results).toHaveLength(1);
      const [t, res] = results[0]!;
      expect(runsOf(t).map((r) => r.id)).toEqual(runsOf(task).map((r) => r.id));
      expect(res.ran).toBe(2);
      const lines = text(res)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines[0]).toMatchObject({
        id: runsOf(task)[0]!.id,
        status: 'error',
        params: JSON.parse(runsOf(task)[0]!.params),
      });
      expect(lines[0].message).toMatch(
        /^batch failed on the queue: experiment module vanishing.js not found in /,
      );
      expect(log.join('\n')).toMatch(
        /batch queued\.[0-9a-f]{32} failed: experiment module vanishing.js not found/,
      );
      // The worker's own log line travels through its stdout pipe: it can land just after the coordinator's.
      const want = /failed \(attempt 3\): experiment module vanishing.js not found/;
      for (const end = Date.now() + 5000; !want.test(b.log()) && Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(b.log()).toMatch(want);
    });

    it('with no worker on its queue, the coordinator says how to start one; a stop leaves the batch queued', async () => {
      const dir = tmp();
      mkdirSync(dir, { recursive: true });
      const module = join(dir, 'queued.js');
      writeFileSync(module, 'export default {};\n');
      const task = await queuedTask(module, ['lr=0.001', 'x0=[1,1]']);
      const log: string[] = [];
      const ex = await BullmqExecutor.connect({
        redis: redis.url,
        queue: 'numcomp-test-idle',
        log: (m) => log.push(m),
        pollInterval: 100,
        idleCheck: 300,
      });
      try {
        const running = ex.run([task], { timeout: 5000, onResult: () => {} });
        await waitFor(() => log.some((m) => m.startsWith('no sweep worker')), 10_000, 'the no-worker notice');
        ex.stop();
        await running;
      } finally {
        await ex.close();
      }
      expect(log).toContain(
        `no sweep worker is connected to queue numcomp-test-idle at ${redis.url}: start one with pnpm sweep:worker --redis ${redis.url}`,
      );
      expect(log.at(-1)).toBe(
        '1 batch stays in queue numcomp-test-idle: run the same sweep again to collect it',
      );
    });
  },
);
