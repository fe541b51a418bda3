// Runs that go side by side (lockstep) must write what they write one at a time: the same lines, digest
// entries and CSV rows, byte for byte, their times aside.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getTestFunction } from '@numcomp/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { type DigestEntry, readDigest } from '../src/execute/digest.ts';
import { lockstepKey } from '../src/execute/lockstepGroups.ts';
import { F2_NAMES, withF2 } from '../src/execute/lockstepKernels.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { canonicalJson } from '../src/format/canonicalJson.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { ResultsLog } from '../src/store/resultsLog.ts';
import type { BatchResult, BatchTask, Experiment } from '../src/types.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function load(dir: string, name: string): Promise<{ def: Experiment; module: string }> {
  const file = join(FIXTURES, dir, `${name}.js`);
  return { def: (await import(file)).default as Experiment, module: pathToFileURL(file).href };
}

/** The batches of a sweep of `def`, `size` runs each (ranges of its run space). */
function tasks(def: Experiment, module: string, size: number): BatchTask[] {
  const plan = planSweep(def, [], { code: 'c0de' });
  const out: BatchTask[] = [];
  for (let first = 0; first < plan.count; first += size) {
    out.push({
      module,
      experiment: def.id,
      trajectory: plan.trajectory,
      csvColumns: paramColumns(plan.space),
      csvXWidth: 2,
      work: { kind: 'range', space: plan.space, first, count: Math.min(size, plan.count - first) },
    });
  }
  return out;
}

/** A batch's output with every time set to 0: lines, digest entries and CSV rows. */
function timeless(r: BatchResult): { lines: string[]; entries: DigestEntry[]; csv: string[] } {
  const lines = new TextDecoder()
    .decode(r.lines)
    .split('\n')
    .map((l) => l.replace(/"time":[0-9.e+-]+\}$/, '"time":0}'));
  const entries: DigestEntry[] = [];
  expect(
    readDigest(r.digest!, (e) => {
      // Where rows and lines start and end moves with the length of the times printed (the rows and
      // lines are compared below; digest.test.ts checks the lengths).
      const at = e.csvAt < 0 ? -1 : 0;
      entries.push({ ...e, csvAt: at, csvEnd: 0, lineBytes: 0, time: 0 });
    }),
  ).toBe(true);
  const csv = new TextDecoder()
    .decode(r.digest!.csv)
    .split('\n')
    .map((row) => row.replace(/,,[0-9.e+-]+$/, ',,0'));
  return { lines, entries, csv };
}

async function bothWays(
  dir: string,
  name: string,
  size: number,
): Promise<{ results: BatchResult[]; counts: BatchRunner['counts'] }> {
  const { def, module } = await load(dir, name);
  const alone = new BatchRunner({ lockstep: false });
  const side = new BatchRunner();
  const results: BatchResult[] = [];
  for (const task of tasks(def, module, size)) {
    const a = await alone.run(task);
    const b = await side.run(task);
    expect(timeless(b)).toEqual(timeless(a));
    expect([b.ran, b.reused, b.changed]).toEqual([a.ran, a.reused, a.changed]);
    results.push(b);
  }
  expect(alone.counts.lockstep).toBe(0);
  expect(alone.counts.minimizer).toBe(0);
  return { results, counts: side.counts };
}

describe('lockstepKey(params, text): runs share a key exactly when only lr and x0 differ', () => {
  const key = (optimizer: Record<string, unknown>, x0: number[] = [1, 2], objective = 'sphere') => {
    const params = { objective: { name: objective, params: {} }, optimizer, x0 } as never;
    return lockstepKey(params, canonicalJson(params));
  };
  it('ignores lr and x0, and nothing else', () => {
    const k = key({ lr: 0.1, maxIter: 9, method: 'adam' });
    expect(k).toBeDefined();
    expect(key({ lr: 0.25, maxIter: 9, method: 'adam' }, [3, -4])).toBe(k);
    expect(key({ lr: 0.1, maxIter: 8, method: 'adam' })).not.toBe(k);
    expect(key({ lr: 0.1, maxIter: 9, method: 'adam', beta1: 0.5 })).not.toBe(k);
    expect(key({ lr: 0.1, maxIter: 9, method: 'adam' }, [1, 2], 'rosenbrock')).not.toBe(k);
    expect(
      key({ lr: 0.1, maxIter: 9, method: 'adam', schedule: { type: 'step', every: 2, factor: 0.5 } }),
    ).not.toBe(k);
  });
  it('keeps runs with and without lr apart, also when lr is the only option', () => {
    expect(key({ lr: 0.1 })).not.toBe(key({}));
    expect(key({ lr: 0.1, maxIter: 3 })).not.toBe(key({ maxIter: 3 }));
  });
  it('leaves out methods and options that do not go in lockstep', () => {
    expect(key({ method: 'bfgs' })).toBeUndefined();
    expect(key({ method: 'gradient-descent', lineSearch: 'backtracking' })).toBeUndefined();
    expect(key({ method: 'gradient-descent', lineSearch: 'none' })).toBeDefined();
    expect(key({ method: 'momentum' })).toBeDefined();
  });
});

describe('runBatch: runs in lockstep write what they write one at a time', () => {
  it.each([100, 37, 1000])(
    'the lockstep fixture in batches of %i: same lines, digest and CSV (times aside)',
    async (size) => {
      const { results, counts } = await bothWays('lockstep', 'lockstep', size);
      // Most runs go side by side: all but BFGS, the line search, the recorded trajectories and the
      // first run of each group (measured alone).
      expect(counts.lockstep).toBeGreaterThan(0.6 * (counts.lockstep + counts.alone));
      const lines = results.flatMap((r) => new TextDecoder().decode(r.lines).trim().split('\n'));
      const statuses = new Set(lines.map((l) => JSON.parse(l).status));
      // The fixture reaches every outcome a lockstep run can have but a stall.
      expect([...statuses].sort()).toEqual(['converged', 'diverged', 'max-iter']);
      expect(lines.length).toBeGreaterThan(400);
    },
  );

  it.each([25, 100, 1000])(
    'second-order methods, one minimizer per configuration, in batches of %i: the lines minimize writes run by run',
    async (size) => {
      const { results, counts } = await bothWays('lockstep', 'second-order', size);
      // Every run but the one that records its trajectory went through its configuration's minimizer.
      expect(counts).toMatchObject({ lockstep: 0, alone: 250, minimizer: 249 });
      const lines = results.flatMap((r) =>
        new TextDecoder()
          .decode(r.lines)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      );
      expect(lines.length).toBe(10 * 25);
      const byStatus = (pick: (l: { status: string }) => boolean) => lines.filter(pick).length;
      expect(byStatus((l) => l.status === 'converged')).toBeGreaterThan(150);
      expect(byStatus((l) => l.status === 'max-iter')).toBeGreaterThan(0);
    },
  );

  it('under a tight time limit, groups go in chunks that end well within it: same output', async () => {
    const chunked = await bothWays('lockstep', 'chunked', 1000);
    const whole = await bothWays('lockstep', 'lockstep', 1000);
    expect(chunked.counts.lockstep).toBeGreaterThan(0.6 * (chunked.counts.lockstep + chunked.counts.alone));
    // The same groups, cut into more calls.
    expect(chunked.counts.calls).toBeGreaterThan(whole.counts.calls);
  });

  it('a module objective called point by point, with −0, NaN and ∞ values (the edge fixture)', async () => {
    const { counts } = await bothWays('edge', 'edge', 100);
    expect(counts.lockstep).toBe(3);
  });

  it('an objective that throws: the group runs alone and records each run’s error', async () => {
    const { results, counts } = await bothWays('faults', 'throwing-objective', 100);
    const r = results[0];
    expect(counts.lockstep).toBe(0);
    const lines = new TextDecoder()
      .decode(r!.lines)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status).sort()).toEqual(['error', 'max-iter']);
  });

  it('an objective that throws or returns a non-number for some runs of a group: they all go alone', async () => {
    const { results, counts } = await bothWays('lockstep', 'flaky', 100);
    const lines = new TextDecoder()
      .decode(results[0]!.lines)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.params.objective.params.reach} ${l.params.x0} ${l.status}`)).toEqual([
      '3 1,1 max-iter',
      '3 2,1 error',
      '3 -1,2 max-iter',
      '3 4,0 error',
      '3 0.5,-0.5 max-iter',
      '10 1,1 max-iter',
      '10 2,1 error',
      '10 -1,2 max-iter',
      '10 4,0 max-iter',
      '10 0.5,-0.5 max-iter',
    ]);
    // Both groups fail in lockstep (a string at x = 2), so every run goes alone.
    expect(counts).toMatchObject({ lockstep: 0, alone: 10 });
  });

  it('runs that go alone with different learning rates each get their own rate (one minimizer per rate)', async () => {
    const { results, counts } = await bothWays('lockstep', 'flaky-rates', 100);
    expect(counts).toMatchObject({ lockstep: 0, alone: 15, minimizer: 14 });
    const lines = new TextDecoder()
      .decode(results[0]!.lines)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Each rate ends its runs elsewhere: the same start, three different ends.
    const ends = lines
      .filter((l) => l.params.x0.join() === '1,1')
      .map((l) => `${l.params.optimizer.lr} ${l.fun}`);
    expect(ends).toHaveLength(3);
    expect(new Set(ends.map((e) => e.split(' ')[1])).size).toBe(3);
  });

  it('times: a group’s wall time is shared among its runs, each > 0', async () => {
    const { def, module } = await load('lockstep', 'lockstep');
    const [task] = tasks(def, module, 1000);
    const r = await new BatchRunner().run(task!);
    const times = new TextDecoder()
      .decode(r.lines)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).time as number);
    expect(times.every((t) => t >= 0 && Number.isFinite(t))).toBe(true);
    expect(times.filter((t) => t > 0).length).toBeGreaterThan(times.length / 2);
  });
});

describe('runBatch with recorded runs: the ones it reuses are read back and folded into its digest', () => {
  it('a batch run again over its own results: nothing runs, every entry is the recorded one (times included)', async () => {
    const { def, module } = await load('lockstep', 'lockstep');
    const [task] = tasks(def, module, 1000);
    const first = await new BatchRunner().run(task!);
    const dir = mkdtempSync(join(tmpdir(), 'numcomp-lockstep-'));
    try {
      const file = join(dir, 'results.jsonl');
      writeFileSync(file, first.lines);
      const log = new ResultsLog(file, false);
      const scan = await log.scan();
      log.close();
      const again = await new BatchRunner().run({
        ...task!,
        recorded: scan.table.shared(file, scan.offsets),
      });
      expect([again.ran, again.reused]).toEqual([0, first.ran]);
      expect(again.lines).toHaveLength(0);
      const entries = (r: BatchResult): DigestEntry[] => {
        const out: DigestEntry[] = [];
        // A reused run's line is not appended again: its length is 0.
        readDigest(r.digest!, (e) => out.push({ ...e, reused: false, lineBytes: 0 }));
        return out;
      };
      // Plain runs come back as numbers (and their CSV rows as printed the first time); the runs with a
      // trajectory as their recorded lines, to be parsed.
      expect(entries(again)).toEqual(entries(first));
      expect(new TextDecoder().decode(again.digest!.csv)).toBe(new TextDecoder().decode(first.digest!.csv));
      const firstLines = new TextDecoder().decode(first.lines).trim().split('\n');
      const parsed = new TextDecoder().decode(again.reusedLines).trim().split('\n');
      expect(parsed).toEqual(firstLines.filter((l) => l.includes('"trajectory"')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withF2: f of two numbers for core’s 2-D test functions, with f’s bits', () => {
  const cases: [string, Record<string, number>][] = [
    ['sphere', {}],
    ['sphere', { dim: 2 }],
    ['rosenbrock', {}],
    ['himmelblau', {}],
    ['booth', {}],
    ['beale', {}],
    ['saddle', {}],
    ['saddle', { q: 0.25 }],
    ['monkey-saddle', {}],
  ];
  it('has a case here for every kernel', () => {
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(F2_NAMES));
  });
  it.each(cases)(
    '%s %j: f2(x, y) is f([x, y]) bit for bit (fast-check, also huge and tiny values)',
    (name, params) => {
      const tf = getTestFunction(name, params);
      const f2 = withF2(tf, name, params).f2!;
      expect(f2).toBeTypeOf('function');
      const x = new Float64Array(2);
      fc.assert(
        fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
          x[0] = a;
          x[1] = b;
          expect(Object.is(f2(a, b), tf.f(x))).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
  );
  it('adds nothing elsewhere: other dimensions, other functions, a problem that has one', () => {
    expect(withF2(getTestFunction('sphere', { dim: 3 }), 'sphere', { dim: 3 }).f2).toBeUndefined();
    expect(withF2(getTestFunction('rastrigin'), 'rastrigin', {}).f2).toBeUndefined();
    const own = { f: () => 0, f2: () => 1 };
    expect(withF2(own, 'sphere', {})).toBe(own);
  });
});
