import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { linspace } from '../src/experiment/linspace.ts';
import { pointsGrid } from '../src/experiment/pointsGrid.ts';
import { values } from '../src/experiment/values.ts';
import { canonicalJson } from '../src/format/canonicalJson.ts';
import { flatParams } from '../src/format/flatParams.ts';
import { planSweep, type SweepPlan } from '../src/plan/planSweep.ts';
import { runId } from '../src/plan/runId.ts';
import { SpaceWalker } from '../src/plan/space.ts';
import type { Experiment, Params } from '../src/types.ts';

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

const runsOf = (plan: SweepPlan) => Array.from({ length: plan.count }, (_, i) => plan.runAt(i));

describe('run spaces: runs built from the grid, where they are needed', () => {
  it.each([
    ['grid', grid],
    ['cases', cases],
    ['repeated', repeated],
    ['fn', fn],
  ] as [string, Experiment][])(
    '%s: paramsOf(i) is JSON.parse(runAt(i).params), canonical, and ids hash it',
    (_, def) => {
      const plan = planSweep(def, [], { code: 'c0de' });
      runsOf(plan).forEach((r, i) => {
        const p = plan.paramsOf(i);
        expect(JSON.stringify(p)).toBe(r.params);
        expect(canonicalJson(p)).toBe(r.params);
        expect(p).toEqual(JSON.parse(r.params) as Params);
        expect(r.id).toBe(runId(def.id, 'c0de', p));
      });
    },
  );

  it('a grid of distinct points is a space of its points; equal points are dropped, first kept', () => {
    expect(planSweep(grid).space.count).toBe(18);
    expect(planSweep(grid).space.positions).toBeUndefined();
    const plan = planSweep(repeated);
    expect([...plan.space.positions!]).toEqual([0, 1, 2, 3]);
    expect(runsOf(plan).map((r) => JSON.parse(r.params).c + JSON.parse(r.params).s)).toEqual([
      '1a',
      '1b',
      '2a',
      '2b',
    ]);
  });

  it('a walker seeks anywhere and steps in grid order; trajectories are the plan’s', () => {
    const plan = planSweep(grid);
    const w = new SpaceWalker(plan.space);
    w.seek(7);
    const seen = [];
    for (let i = 7; i < 18; i++, w.next()) seen.push({ ...w.run(), params: JSON.stringify(w.params()) });
    expect(seen).toEqual(runsOf(plan).slice(7));
    expect(runsOf(plan).filter((r) => r.trajectory)).toHaveLength(3);
  });

  it('nested params keep objective, optimizer options and x0 apart, and drop options the method does not use', () => {
    const plan = planSweep(cases);
    const ps = runsOf(plan).map((r) => JSON.parse(r.params) as Params);
    expect(ps[0]).toEqual({
      objective: { name: 'sphere', params: {} },
      optimizer: { lr: 0.1, maxIter: 3, method: 'gradient-descent', tol: 0 },
      x0: [1, 0],
    });
    // BFGS ignores lr: its run has none; momentum's keeps its own.
    expect(ps.find((p) => (p.optimizer as Params).method === 'bfgs')!.optimizer).toEqual({
      lineSearchOptions: { c1: 1e-4, c2: 0.9 },
      maxIter: 3,
      method: 'bfgs',
      tol: 0,
    });
    expect(flatParams(ps[2]!)).toEqual({
      objective: 'sphere',
      lr: 0.01,
      maxIter: 3,
      method: 'momentum',
      momentum: 0.9,
      tol: 0,
      x0: [1, 0],
    });
  });
});
