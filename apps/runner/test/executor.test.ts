// The piscina executor moves written results' buffers back to its threads, which write later tasks
// into them (fresh memory costs a page fault every 4 KiB). What it delivers must not change: the lines
// and CSV rows of every run are those the runner writes in-thread, and each result holds only its own.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import type { BatchTask } from '../src/types.ts';
import { FIXTURES, tmp } from './_cli.ts';

const file = join(FIXTURES, 'suite', 'sphere-lr.js');
const module = pathToFileURL(file).href;
const def = (await import(file)).default;
// 3 learning rates × 40 × 40 starts: 4,800 plain runs, in many tasks.
const plan = planSweep(def, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],40)']), { code: 'c0de' });

function task(first: number, count: number): BatchTask {
  return {
    module,
    experiment: 'sphere-lr',
    trajectory: plan.trajectory,
    csvColumns: paramColumns(plan.space),
    csvXWidth: 2,
    work: { kind: 'range', space: plan.space, first, count },
  };
}

/** Runs the sweep on a 2-thread PiscinaExecutor in 48 batches of 100 runs; prints what it delivered. */
const SCRIPT = `
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor, planSweep, parseOverrides } = await import(dist + 'index.js');
const { paramColumns } = await import(dist + 'aggregate/csv.js');
const file = process.argv[1];
const def = (await import(file)).default;
const plan = planSweep(def, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],40)']), { code: 'c0de' });
const task = (first, count) => ({ module: new URL('file://' + file).href, experiment: 'sphere-lr',
  trajectory: plan.trajectory, csvColumns: paramColumns(plan.space), csvXWidth: 2,
  work: { kind: 'range', space: plan.space, first, count } });
const ex = new PiscinaExecutor({ threads: 2 });
const lines = [], rows = [], numbers = [];
let results = 0;
const dec = new TextDecoder();
await ex.run(Array.from({ length: 48 }, (_, b) => task(100 * b, 100)), { timeout: 30000, batchSize: 100,
  onResult: (_t, r) => {
    results++;
    // Copies, as the contract asks: the buffers go back to the threads after this call.
    lines.push(dec.decode(r.lines));
    rows.push(dec.decode(r.digest.csv));
    const n = r.digest.numbers, idx = [];
    for (let k = 0; k < n.length; k += n[k + 2] < 0 ? 5 : 12 + n[k + 2]) idx.push(n[k]);
    numbers.push(idx);
  } });
await ex.close();
process.stdout.write(JSON.stringify({ lines, rows, results, returned: ex.returned, numbers }));
`;

/**
 * A pool of at most 2 threads that starts 1 (as the CLI does under 20,000 runs) runs an N × N grid of
 * starts × 3 learning rates in batches of 100; prints the runs delivered and the threads started. With
 * `threads,start`, the pool is resized so first (as the CLI sizes the pool it started before planning).
 */
const GROWING = `
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor, planSweep, parseOverrides } = await import(dist + 'index.js');
const [file, n, size] = process.argv.slice(1);
const def = (await import(file)).default;
const plan = planSweep(def, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],' + n + ')']), { code: 'c0de' });
const ex = new PiscinaExecutor({ threads: 2, startThreads: 1 });
if (size) ex.resize(...size.split(',').map(Number));
const batches = Array.from({ length: Math.ceil(plan.count / 100) }, (_, b) => ({
  module: new URL('file://' + file).href, experiment: 'sphere-lr', trajectory: plan.trajectory,
  work: { kind: 'range', space: plan.space, first: 100 * b, count: Math.min(100, plan.count - 100 * b) } }));
let runs = 0;
const t = performance.now();
await ex.run(batches, { timeout: 30000, batchSize: 100, onResult: (_t, r) => { for (const b of r.lines) if (b === 10) runs++; } });
const ms = performance.now() - t;
const started = ex.started;
await ex.close();
process.stdout.write(JSON.stringify({ planned: plan.count, runs, started, ms }));
`;

/** A pool of 2 that starts 1, resized to start both and prestarted: the threads started, with no run yet. */
const PRESTART = `
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor } = await import(dist + 'index.js');
const ex = new PiscinaExecutor({ threads: 2, startThreads: 1 });
const before = ex.started;
ex.resize(2, 2);
ex.prestart({ module: new URL('file://' + process.argv[1]).href, experiment: 'sphere-lr', trajectory: {}, work: { kind: 'runs', runs: [] } });
await new Promise((r) => setTimeout(r, 300));
const after = ex.started;
await ex.close();
process.stdout.write(JSON.stringify({ before, after, closed: ex.started }));
`;

/**
 * A pool of 2 that starts 1 preloads the experiment and is handed a small sweep at once (as the CLI plans
 * while the module loads): the runs delivered and the threads started.
 */
const PRELOAD = `
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor, planSweep, parseOverrides } = await import(dist + 'index.js');
const file = process.argv[1];
const plan = planSweep((await import(file)).default, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],10)']), { code: 'c0de' });
const ex = new PiscinaExecutor({ threads: 2, startThreads: 1 });
const base = { module: new URL('file://' + file).href, experiment: 'sphere-lr', trajectory: plan.trajectory };
ex.preload({ ...base, work: { kind: 'runs', runs: [] } });
ex.preload({ ...base, work: { kind: 'runs', runs: [] } });
let runs = 0;
await ex.run([{ ...base, work: { kind: 'range', space: plan.space, first: 0, count: plan.count } }], {
  timeout: 30000, batchSize: 100, onResult: (_t, r) => { for (const b of r.lines) if (b === 10) runs++; } });
const started = ex.started;
await ex.close();
process.stdout.write(JSON.stringify({ planned: plan.count, runs, started }));
`;

/**
 * A pool of 2 runs a small sweep, then is closed and the caller blocks its event loop for up to 2 s (as
 * the CLI writes its report): whether each thread ended meanwhile (the process's OS threads, as Linux
 * lists them, fall by the pool's), and the threads the pool started.
 */
const CLOSE_IDLE = `
const { readdirSync } = await import('node:fs');
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor, planSweep, parseOverrides } = await import(dist + 'index.js');
const file = process.argv[1];
const plan = planSweep((await import(file)).default, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],10)']), { code: 'c0de' });
const ex = new PiscinaExecutor({ threads: 2 });
const base = { module: new URL('file://' + file).href, experiment: 'sphere-lr', trajectory: plan.trajectory };
await ex.run([0, 1, 2].map((b) => ({ ...base, work: { kind: 'range', space: plan.space, first: 100 * b, count: 100 } })), {
  timeout: 30000, batchSize: 100, onResult: () => {} });
const tasks = () => readdirSync('/proc/self/task').length;
const before = tasks();
const closed = ex.close();
const until = Date.now() + 2000;
while (tasks() > before - ex.started && Date.now() < until);
const ended = before - tasks();
await closed;
process.stdout.write(JSON.stringify({ started: ex.started, ended }));
`;

/** Four runs of 400 ms, one a task, on a pool of at most 2 threads that starts 1. */
const HEAVY = `
const dist = new URL('../dist/', ${JSON.stringify(import.meta.url)}).href;
const { PiscinaExecutor, planSweep } = await import(dist + 'index.js');
const file = process.argv[1];
const plan = planSweep((await import(file)).default, [], { code: 'c0de' });
const ex = new PiscinaExecutor({ threads: 2, startThreads: 1 });
const batches = Array.from({ length: plan.count }, (_, b) => ({ module: new URL('file://' + file).href,
  experiment: 'heavy', trajectory: plan.trajectory, work: { kind: 'range', space: plan.space, first: b, count: 1 } }));
let runs = 0;
const t = performance.now();
await ex.run(batches, { timeout: 30000, batchSize: 1, onResult: () => { runs++; } });
const ms = performance.now() - t;
const started = ex.started;
await ex.close();
process.stdout.write(JSON.stringify({ planned: plan.count, runs, started, ms }));
`;

function growing(n: number, size = ''): { planned: number; runs: number; started: number; ms: number } {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', GROWING, file, String(n), size], {
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout);
}

/** Runs a module script in three fresh processes: each exits 0, with no signal and nothing on stderr. */
function exitsCleanly(script: string, env: Record<string, string>): void {
  for (let k = 0; k < 3; k++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    expect([child.status, child.signal, child.stderr]).toEqual([0, null, '']);
  }
}

/** Lines by run id, times left out (they differ from run to run). */
function byId(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.trim().split('\n')) {
    const id = /^\{"id":"([0-9a-f]+)"/.exec(line)![1]!;
    out.set(id, line.replace(/,"time":[^,}]*/, ''));
  }
  return out;
}

describe('PiscinaExecutor', { timeout: 60_000 }, () => {
  it('a preloaded experiment: the first task waits for the thread that loads it, no other thread starts', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', PRELOAD, file], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ planned: 300, runs: 300, started: 1 });
  });

  it.runIf(process.platform === 'linux')(
    'a pool closed with nothing to wait for ends its threads while the caller blocks its event loop',
    () => {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', CLOSE_IDLE, file], {
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      // Told to end in a later task, the threads would still run when the 2 s were over.
      expect(JSON.parse(child.stdout)).toEqual({ started: 2, ended: 2 });
    },
  );

  it('a pool closed while its thread imports a preloaded experiment waits for the import (Node 20 aborts otherwise)', () => {
    const marker = join(tmp(), 'imported.txt');
    const slow = pathToFileURL(join(FIXTURES, 'preload', 'slow-import.js')).href;
    // The CLI's refused command: the experiments loaded, the preload asked, then the pool closed at once.
    const script = `
const { PiscinaExecutor } = await import(new URL('../dist/index.js', ${JSON.stringify(import.meta.url)}).href);
const ex = new PiscinaExecutor({ threads: 2, startThreads: 1 });
await new Promise((r) => setTimeout(r, 400));
ex.preload({ module: ${JSON.stringify(slow)}, experiment: 'slow-import', trajectory: {}, work: { kind: 'runs', runs: [] } });
await new Promise((r) => setTimeout(r, 50));
await ex.close();
`;
    exitsCleanly(script, { NUMCOMP_TEST_IMPORTED: marker });
    // Each pool's thread finished importing the experiment before it was terminated.
    expect(readFileSync(marker, 'utf8')).toBe('imported\n'.repeat(3));
  });

  it('a pool closed at once lets its starting threads load first (Node 20 aborts on a thread terminated mid-load)', () => {
    const marker = join(tmp(), 'loaded.txt');
    const script = `
const { PiscinaExecutor } = await import(new URL('../dist/index.js', ${JSON.stringify(import.meta.url)}).href);
const ex = new PiscinaExecutor({ threads: 2, worker: new URL(${JSON.stringify(pathToFileURL(join(FIXTURES, 'slowload', 'worker.js')).href)}) });
await ex.close();
`;
    exitsCleanly(script, { NUMCOMP_TEST_LOADED: marker });
    // Both threads of each pool loaded their module before they were terminated.
    expect(readFileSync(marker, 'utf8')).toBe('loaded\n'.repeat(6));
  });

  it('moves written results back to its threads, and delivers the lines and rows the runner writes in-thread', async () => {
    expect(plan.count).toBe(4800);
    const alone = await new BatchRunner().run(task(0, plan.count));
    const want = byId(new TextDecoder().decode(alone.lines));
    const wantRows = new TextDecoder().decode(alone.digest!.csv).split('\n');

    // In a child process on the compiled runner, as the CLI runs it (workers started from a vitest
    // worker would resolve the packages to their TypeScript source).
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, file], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(child.stderr).toBe('');
    const { lines, rows, results, returned, numbers } = JSON.parse(child.stdout) as {
      lines: string[];
      rows: string[];
      results: number;
      returned: number;
      numbers: number[][];
    };
    // The digest's numbers belong to each result alone: its runs' indices, in its own range.
    for (const n of numbers) expect(n).toEqual(n.slice().sort((a, b) => a - b));
    expect(numbers.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: plan.count }, (_, i) => i));
    expect(results).toBeGreaterThan(6);
    expect(returned).toBeGreaterThan(0);
    const got = byId(lines.join(''));
    expect(got.size).toBe(plan.count);
    expect(got).toEqual(want);
    // One row a run; empty for a run whose row the coordinator prints from its parsed line.
    const gotRows = rows.join('').split('\n');
    expect(gotRows).toHaveLength(plan.count + 1);
    const strip = (row: string): string => row.slice(0, row.lastIndexOf(','));
    const printed = (all: Iterable<string>): Set<string> =>
      new Set([...all].filter((r) => r !== '').map(strip));
    expect(printed(gotRows)).toEqual(printed(wantRows));
    expect(printed(gotRows).size).toBeGreaterThan(plan.count / 2);
  });

  it('delivers tasks in the order they were dispatched, whichever thread ends first: results.jsonl and results.csv in run order', () => {
    // The first batch runs ~0.2 s, the 11 others next to nothing: on two threads they end first.
    const out = tmp();
    const script = `
const { PiscinaExecutor, planSweep, runSweep } = await import(new URL('../dist/index.js', ${JSON.stringify(import.meta.url)}).href);
const module = ${JSON.stringify(pathToFileURL(join(FIXTURES, 'order', 'order.js')).href)};
const def = (await import(module)).default;
const ex = new PiscinaExecutor({ threads: 2 });
const ended = [];
const run = ex.run.bind(ex);
ex.run = (batches, o) => run(batches, { ...o, onResult: (t, r) => { ended.push(t.work.first); o.onResult(t, r); } });
await runSweep(planSweep(def), { out: ${JSON.stringify(out)}, module, executor: ex, fresh: true, noReport: true });
await ex.close();
process.stdout.write(JSON.stringify(ended));
`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const firsts = JSON.parse(child.stdout) as number[];
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(firsts[0]).toBe(0);
    const lines = readFileSync(join(out, 'order', 'results.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => Number(/"i":(\d+)/.exec(l)![1]))).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
    const csv = readFileSync(join(out, 'order', 'default', 'results.csv'), 'utf8')
      .trim()
      .split('\n');
    const k = csv[0]!.split(',').indexOf('k');
    expect(csv.slice(1).map((row) => Number(row.split(',')[k]))).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
  });

  it('a pool that starts one thread starts the other only for a run with enough work left', () => {
    // 1,200 runs of ~1,000 cheap steps: ~40 ms on one thread here; it never grows.
    const small = growing(20);
    expect(small).toMatchObject({ planned: 1200, runs: 1200, started: 1 });
    // 67,500 runs (~2.5 s on one thread here): it grows once the first results show what is left.
    const large = growing(150);
    expect(large).toMatchObject({ planned: 67500, runs: 67500, started: 2 });
  });

  it('a pool resized to fewer threads never starts more; resized to start all, it does at once', () => {
    // 67,500 runs with two tasks in flight and room for two threads in piscina: one thread still.
    expect(growing(150, '1,1')).toMatchObject({ planned: 67500, runs: 67500, started: 1 });
    // 1,200 runs that would never grow the pool: both threads, started for them.
    expect(growing(20, '2,2')).toMatchObject({ planned: 1200, runs: 1200, started: 2 });
    // Resized within its first size, it grows as before.
    expect(growing(150, '2,1')).toMatchObject({ planned: 67500, runs: 67500, started: 2 });
    // Resized to start both, and prestarted: the second starts before any task.
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', PRESTART, file], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    // Closed (the CLI closes its pool once the last runs are over): it still says what it started.
    expect(JSON.parse(child.stdout)).toEqual({ before: 1, after: 2, closed: 2 });
  });

  it('a pool that starts one thread starts the other when a task runs long before any measure', () => {
    const heavy = join(FIXTURES, 'heavy', 'heavy.js');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', HEAVY, heavy], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    const r = JSON.parse(child.stdout) as { planned: number; runs: number; started: number; ms: number };
    // 1.6 s of runs: the first task ran 250 ms, and the second thread was started.
    expect(r).toMatchObject({ planned: 4, runs: 4, started: 2 });
  });
});
