import { describe, expect, it } from 'vitest';
import { rangeOf, rangeTask, SpaceWalker, taskSize } from '../src/_space.ts';
import { decodeTask, encodeTask } from '../src/_wire.ts';
import { defineExperiment } from '../src/defineExperiment.ts';
import { linspace } from '../src/linspace.ts';
import { planSweep } from '../src/planSweep.ts';
import { pointsGrid } from '../src/pointsGrid.ts';
import { runId } from '../src/runId.ts';
import type { Experiment, Params } from '../src/types.ts';
import { values } from '../src/values.ts';

const grid = defineExperiment({
  id: 'grid',
  title: 'grid',
  description: '',
  objective: 'sphere',
  optimizer: { method: 'gradient-descent', gradient: 'numerical', maxIter: 5, tol: 0 },
  grid: {
    lr: values(0.5, 0.05),
    x0: pointsGrid(
      [
        [-1, 1],
        [-2, 2],
      ],
      3,
    ),
  },
  plots: [{ type: 'convergence', maxRuns: 3 }],
});

// Cases that set different keys (a key missing from some points), a nested object, and a -0.
const cases = defineExperiment({
  id: 'cases',
  title: 'cases',
  description: '',
  objective: 'sphere',
  optimizer: { x0: [1, -0], maxIter: 3 },
  cases: [
    { method: 'gradient-descent', lr: 0.1 },
    { method: 'momentum', momentum: 0.9, lr: 0.01 },
    { method: 'bfgs', lineSearchOptions: { c2: 0.9, c1: 1e-4 } },
  ],
  grid: { tol: values(0, 1e-8) },
});

// Equal points (a repeated axis value): the first of each is kept.
const repeated = defineExperiment({
  id: 'repeated',
  title: 'repeated',
  description: '',
  params: { n: 3 },
  grid: { c: values(1, 2, 1), s: values('a', 'b') },
  run: ({ c }) => ({ c: c ?? null }),
});

const fn = defineExperiment({
  id: 'fn',
  title: 'fn',
  description: '',
  params: {},
  grid: { c: linspace(-1, 1, 4) },
  run: ({ c }) => ({ c: c ?? null }),
});

describe('run spaces: runs built from the grid, where they are needed', () => {
  it.each([
    ['grid', grid],
    ['cases', cases],
    ['repeated', repeated],
    ['fn', fn],
  ] as [string, Experiment][])(
    '%s: paramsOf(i) is JSON.parse(runs[i].params), ids hash it, count is runs.length',
    (_, def) => {
      const plan = planSweep(def);
      expect(plan.count).toBe(plan.runs.length);
      plan.runs.forEach((r, i) => {
        const p = plan.paramsOf(i);
        expect(JSON.stringify(p)).toBe(r.params);
        expect(p).toEqual(JSON.parse(r.params) as Params);
        expect(r.id).toBe(runId(def.id, p));
      });
    },
  );

  it('a grid of distinct points is a space; equal points are listed, first kept', () => {
    expect(planSweep(grid).space?.count).toBe(18);
    const plan = planSweep(repeated);
    expect(plan.space).toBeUndefined();
    expect(plan.runs.map((r) => JSON.parse(r.params).c + JSON.parse(r.params).s)).toEqual([
      '1a',
      '1b',
      '2a',
      '2b',
    ]);
  });

  it('a walker seeks anywhere and steps in grid order; trajectories are the plan’s', () => {
    const plan = planSweep(grid);
    const w = new SpaceWalker(plan.space!);
    w.seek(7);
    const seen = [];
    for (let i = 7; i < 18; i++, w.next()) seen.push({ ...w.run(), params: JSON.stringify(w.params()) });
    expect(seen).toEqual(plan.runs.slice(7));
    expect(plan.runs.filter((r) => r.trajectory)).toHaveLength(3);
  });

  it('a range task builds its runs only when read, and crosses to a worker as a range', () => {
    const plan = planSweep(grid);
    const base = { module: 'file:///x.js', experiment: 'grid', objectiveKeys: [], trajectory: { max: 10 } };
    const task = rangeTask(base, { space: plan.space!, first: 4, count: 9 });
    expect(taskSize(task)).toBe(9);
    const wire = encodeTask(task, new Int32Array(new SharedArrayBuffer(4)));
    expect(wire.runs).toBe('');
    expect(wire.range).toMatchObject({ first: 4, count: 9 });
    const back = decodeTask(wire);
    expect(rangeOf(back)).toMatchObject({ first: 4, count: 9 });
    expect(back.runs).toEqual(plan.runs.slice(4, 13));
    expect(task.runs).toEqual(plan.runs.slice(4, 13));
    // A copy is a plain batch of the same runs.
    const copy = { ...task };
    expect(rangeOf(copy)).toBeUndefined();
    expect(copy.runs).toEqual(task.runs);
  });
});
