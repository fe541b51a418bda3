// A worker reusing recorded runs reads their lines back through one descriptor per results.jsonl,
// whatever the number of batches (each brings its own copy of the shared buffers), and reopens the
// file for a later scan (a compaction may have replaced it).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { calibrate } from '../src/execute/calibrate.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { planTag } from '../src/plan/space.ts';
import { ResultsLog } from '../src/store/resultsLog.ts';
import type { BatchTask, Experiment } from '../src/types.ts';

const file = fileURLToPath(new URL('./fixtures/lockstep/lockstep.js', import.meta.url));

const openFiles = (): number => readdirSync('/proc/self/fd').length;

describe('reused runs read back in a worker', () => {
  it('one descriptor per results.jsonl over many batches and sweeps, the same digest each time', async () => {
    const def = (await import(file)).default as Experiment;
    const module = pathToFileURL(file).href;
    const plan = planSweep(def, [], { code: 'c0de' });
    const tasks: BatchTask[] = [];
    for (let first = 0; first < plan.count; first += 50)
      tasks.push({
        module,
        experiment: def.id,
        trajectory: plan.trajectory,
        csvColumns: paramColumns(plan.space),
        csvXWidth: 2,
        work: { kind: 'range', space: plan.space, first, count: Math.min(50, plan.count - first) },
      });
    const runner = new BatchRunner();
    const dir = mkdtempSync(join(tmpdir(), 'numcomp-reuse-'));
    try {
      const results = join(dir, 'results.jsonl');
      const firsts = [];
      for (const t of tasks) firsts.push(await runner.run(t));
      writeFileSync(results, Buffer.concat(firsts.map((r) => r.lines)));
      const before = openFiles();
      for (let sweep = 0; sweep < 3; sweep++) {
        const log = new ResultsLog(results, false);
        const scan = await log.scan();
        log.close();
        const recorded = scan.table.shared(results, scan.offsets);
        for (const [i, t] of tasks.entries()) {
          // As a worker receives it: a structured clone, new buffer objects every time.
          const r = await runner.run({ ...t, recorded: structuredClone(recorded) });
          expect([r.ran, r.reused]).toEqual([0, firsts[i]!.ran]);
          expect(r.digest!.csv).toEqual(firsts[i]!.digest!.csv);
        }
      }
      expect(tasks.length).toBeGreaterThan(5);
      expect(openFiles() - before).toBeLessThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a plan finds its own recorded runs by index (lines tagged with planTag)', () => {
  it('a sweep of the same plan needs no id table: every run is reused by index, with the same digest; another plan finds them by id', async () => {
    const def = (await import(file)).default as Experiment;
    const module = pathToFileURL(file).href;
    const plan = planSweep(def, [], { code: 'c0de' });
    const tag = planTag(plan.space);
    // The tag names what maps an index to a run: the same plan gives it again, other code or grids do not.
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(planTag(planSweep(def, [], { code: 'c0de' }).space)).toBe(tag);
    expect(planTag(planSweep(def, [], { code: 'c0df' }).space)).not.toBe(tag);
    const task = (recorded?: BatchTask['recorded']): BatchTask => ({
      module,
      experiment: def.id,
      trajectory: plan.trajectory,
      csvColumns: paramColumns(plan.space),
      csvXWidth: 2,
      plan: tag,
      work: { kind: 'range', space: plan.space, first: 0, count: plan.count },
      ...(recorded === undefined ? {} : { recorded }),
    });
    const dir = mkdtempSync(join(tmpdir(), 'numcomp-plan-'));
    try {
      const results = join(dir, 'results.jsonl');
      const first = await new BatchRunner().run(task());
      const text = Buffer.from(first.lines).toString('utf8');
      const lines = text.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(plan.count);
      // Each line says its plan and run index, before its code and time.
      lines.forEach((l, i) => {
        expect(l).toContain(`,"plan":"${tag}","i":${i},`);
      });
      writeFileSync(results, text);
      const log = new ResultsLog(results, false);
      const scan = await log.scan({ tag, count: plan.count });
      log.close();
      expect([scan.table.idTable.size, scan.table.planTable?.size]).toEqual([0, plan.count]);
      const shared = scan.table.shared(results, scan.offsets);
      expect(shared.ids).toBe(0);
      const again = await new BatchRunner().run(task(structuredClone(shared)));
      expect([again.ran, again.reused]).toEqual([0, plan.count]);
      expect(again.digest!.csv).toEqual(first.digest!.csv);
      // Another plan (here: no tag given) finds the same runs by their ids.
      const byId = await new ResultsLog(results, false).scan();
      expect([byId.table.idTable.size, byId.table.planTable]).toEqual([plan.count, undefined]);
      const third = await new BatchRunner().run(task(byId.table.shared(results, byId.offsets)));
      expect([third.ran, third.reused]).toEqual([0, plan.count]);
      expect(third.digest!.csv).toEqual(first.digest!.csv);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('calibrate: the disk estimate counts what a sweep writes', () => {
  it('bytes per line within 3 % of the lines a sweep writes, their plan tag and run index included', async () => {
    const def = (await import(file)).default as Experiment;
    const module = pathToFileURL(file).href;
    const plan = planSweep(def, [], { code: 'c0de' });
    const c = await calibrate(plan, { module, threads: 1, maxSamples: plan.count, budgetMs: 10_000 });
    const r = await new BatchRunner().run({
      module,
      experiment: def.id,
      code: 'c0de',
      trajectory: plan.trajectory,
      plan: planTag(plan.space),
      work: { kind: 'range', space: plan.space, first: 0, count: plan.count },
    });
    // Lines without a trajectory (the estimate adds trajectories apart).
    const plain = Buffer.from(r.lines)
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.includes('"trajectory":'));
    const real = plain.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) / plain.length;
    expect(plain.length).toBeGreaterThan(plan.count / 2);
    expect(Math.abs(c.bytesPerLine / real - 1)).toBeLessThan(0.03);
  });
});
