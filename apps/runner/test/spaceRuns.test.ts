import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { lockstepKey } from '../src/execute/lockstepGroups.ts';
import { SpaceRuns } from '../src/execute/spaceRuns.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { pointsGrid } from '../src/experiment/pointsGrid.ts';
import { values } from '../src/experiment/values.ts';
import { CsvParams } from '../src/format/csvCells.ts';
import { flatParams } from '../src/format/flatParams.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { SpaceWalker } from '../src/plan/space.ts';
import type { Experiment, Params } from '../src/types.ts';

// Methods that ignore some swept options (their cells are empty), cases that set different keys, an
// objective parameter, lr unset where the method ignores it, and x0 as a grid of points.
const mixed = defineExperiment({
  id: 'mixed',
  title: 'mixed',
  description: '',
  objective: { name: 'ill-conditioned-quadratic', params: { kappa: 10 } },
  optimizer: { gradient: 'numerical', maxIter: 5, tol: 0 },
  cases: [{ method: 'gradient-descent' }, { method: 'momentum', momentum: 0.9 }, { method: 'bfgs' }],
  grid: {
    kappa: values(1, 10),
    x0: pointsGrid(
      [
        [-1, 1],
        [-2, 2],
      ],
      3,
    ),
    lr: values(0.5, 0.05),
  },
});

describe('SpaceRuns: a range run’s CSV cells and lockstep group, read from the space’s rows', () => {
  it.each([
    ['mixed', mixed, []],
    ['mixed with overrides', mixed, ['lr=0.3,0.03', 'momentum=0.5,0.8']],
  ] as [string, Experiment, string[]][])(
    '%s: csv() is CsvParams.text(flatParams(params)) for every run',
    (_, def, overrides) => {
      const plan = planSweep(def, parseOverrides(overrides));
      expect(plan.count).toBeGreaterThan(50);
      const printer = new CsvParams(paramColumns(plan.space));
      // Keys whose rows are kept, and keys read again for each run (more rows than the cache holds).
      for (const cacheRows of [Number.POSITIVE_INFINITY, 2]) {
        const walker = new SpaceWalker(plan.space, { cacheRows });
        const runs = new SpaceRuns(walker, printer, cacheRows);
        walker.seek(0);
        const seen = new Set<string>();
        for (let i = 0; i < plan.count; i++, walker.next()) {
          const csv = runs.csv();
          expect(csv).toBe(printer.text(flatParams(walker.params())));
          expect(walker.params()).toEqual(JSON.parse(walker.run().params));
          seen.add(csv);
        }
        expect(seen.size).toBe(plan.count);
      }
    },
  );

  it('runs with one signature share lockstepKey; lr and x0 are the run’s', () => {
    const plan = planSweep(mixed, parseOverrides(['momentum=0.5,0.8']));
    const walker = new SpaceWalker(plan.space);
    const runs = new SpaceRuns(walker, undefined);
    const bySig = new Map<string, Set<string | undefined>>();
    walker.seek(0);
    for (let i = 0; i < plan.count; i++, walker.next()) {
      const params = walker.params();
      const text = walker.run().params;
      const sig = runs.signature();
      let keys = bySig.get(sig);
      if (keys === undefined) bySig.set(sig, (keys = new Set()));
      keys.add(lockstepKey(params, text));
      expect(runs.lr()).toBe((params.optimizer as Params).lr);
      expect(runs.x0()).toEqual(params.x0);
    }
    for (const keys of bySig.values()) expect(keys.size).toBe(1);
    // Factors' rows but lr's and x0's: 2 kappas × (momentum's 2 rows + 1 for each method that ignores
    // momentum: their second row repeats the first's params and is dropped).
    expect(bySig.size).toBe(8);
  });
});
