// An override that is one pointsGrid or randomPoints call of at least PACK_ROWS points is kept as numbers
// from the parser on (plan/parseOverride.ts, plan/factors.ts): the plan is the one its arrays would give.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { pointsGrid, pointsGridData } from '../src/experiment/pointsGrid.ts';
import { randomPoints, randomPointsData } from '../src/experiment/randomPoints.ts';
import { type Override, overrideCount, parseOverride } from '../src/plan/parseOverride.ts';
import { planSweep, type SweepPlan } from '../src/plan/planSweep.ts';
import { planTag } from '../src/plan/space.ts';
import * as values from '../src/plan/values.ts';
import { PACK_ROWS, packValues } from '../src/plan/values.ts';
import type { Experiment, Json } from '../src/types.ts';

// Every read of a packed row, counted (a factor's rows made from its numbers read each one).
vi.mock('../src/plan/values.ts', async (original) => {
  const real = await original<typeof import('../src/plan/values.ts')>();
  return { ...real, packedValue: vi.fn(real.packedValue), unpack: vi.fn(real.unpack) };
});

const fixture = new URL('./fixtures/packed/packed.js', import.meta.url).href;
/** 130 × 130 starts on the sphere, two learning rates. */
const starts = (await import(fixture)).default as Experiment;

/** The same override as the arrays the generator makes (what the planner got before). */
function asArrays(o: Override): Override {
  return { key: o.key, values: o.values.map((v) => v) };
}

/** The override without its arrays: reading them throws. */
function withoutArrays(o: Override): Override {
  return {
    key: o.key,
    get values(): readonly Json[] {
      throw new Error(`the planner read the ${overrideCount(o)} values of ${o.key}`);
    },
    ...(o.packed === undefined ? {} : { packed: o.packed }),
    ...(o.distinct === undefined ? {} : { distinct: o.distinct }),
  };
}

function samePlan(a: SweepPlan, b: SweepPlan): void {
  expect(a.count).toBe(b.count);
  expect(a.space).toEqual(b.space);
  expect(planTag(a.space)).toBe(planTag(b.space));
  expect(a.overrides).toEqual(b.overrides);
  expect(a.swept).toEqual(b.swept);
  expect(a.axes).toEqual(b.axes);
  expect(a.plots).toEqual(b.plots);
  expect(a.sweepPlots).toEqual(b.sweepPlots);
  expect(a.unused).toEqual(b.unused);
  for (let i = 0; i < a.count; i += 97) {
    expect(a.runAt(i)).toEqual(b.runAt(i));
    expect(a.paramsOf(i)).toEqual(b.paramsOf(i));
  }
  expect(a.runAt(a.count - 1)).toEqual(b.runAt(b.count - 1));
}

describe('pointsGridData and randomPointsData', () => {
  it('hold the points pointsGrid and randomPoints make, in their order, −0 as 0', () => {
    const range = fc
      .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (box, counts, n, seed) => {
          const ns = counts.slice(0, box.length);
          const grid = pointsGridData(box, ns);
          expect(grid).toMatchObject(packValues(pointsGrid(box, ns), 0)!);
          const random = randomPointsData(box, n, seed);
          expect(random).toEqual(packValues(randomPoints(box, n, seed), 0));
        },
      ),
      { numRuns: 300 },
    );
    // −0 is stored as 0, as its JSON text reads back.
    const zero = pointsGridData(
      [
        [-0, -0],
        [-1, 1],
      ],
      [1, 3],
    );
    expect(Object.is(zero.data[0], 0)).toBe(true);
    expect(zero.distinct).toBe(true);
    // −0 and 0 are one text: not distinct.
    expect(pointsGridData([[-0, 0]], 2).distinct).toBe(false);
  });

  it('know a grid is distinct exactly when every coordinate’s values are', () => {
    expect(
      pointsGridData(
        [
          [-4, 4],
          [-4, 4],
        ],
        5,
      ).distinct,
    ).toBe(true);
    expect(
      pointsGridData(
        [
          [1, 1],
          [-4, 4],
        ],
        [3, 5],
      ).distinct,
    ).toBe(false);
    expect(
      pointsGridData(
        [
          [1, 1],
          [-4, 4],
        ],
        [1, 5],
      ).distinct,
    ).toBe(true);
    // Two counts of one value are distinct points only if the range is wide enough for them.
    expect(
      pointsGridData(
        [
          [1, 1 + 2 ** -52],
          [0, 1],
        ],
        [3, 2],
      ).distinct,
    ).toBe(false);
  });

  it('throw what pointsGrid and randomPoints throw', () => {
    for (const [box, n] of [
      [[[-4, 4]], 0],
      [[[4, -4]], 3],
      [[], 3],
      [[[-4, 4]], [2, 2]],
      [
        [
          [-4, 4],
          [0, 1],
        ],
        1001,
      ],
    ] as [[number, number][], number | number[]][]) {
      expect(() => pointsGridData(box, n)).toThrow(
        (() => {
          try {
            pointsGrid(box, n);
          } catch (e) {
            return (e as Error).message;
          }
          throw new Error('pointsGrid accepted it');
        })(),
      );
    }
    expect(() => randomPointsData([[-1, 1]], 0)).toThrow(/n/);
    expect(() => randomPointsData([[-1, 1]], 3, 1.5)).toThrow(/seed/);
  });
});

describe('an override of many generated points', () => {
  it('is kept as numbers when it is one pointsGrid or randomPoints call of PACK_ROWS points or more', () => {
    const grid = parseOverride('x0=pointsGrid([[-4,4],[-4,4]],130)');
    expect(grid.packed).toEqual({ dim: 2, rows: 16_900, data: expect.any(Float64Array) });
    expect(grid.distinct).toBe(true);
    expect(overrideCount(grid)).toBe(16_900);
    expect(grid.values).toEqual(
      pointsGrid(
        [
          [-4, 4],
          [-4, 4],
        ],
        130,
      ),
    );
    expect(grid.values).toBe(grid.values); // made once
    const random = parseOverride(' x0 = randomPoints([[-1,1],[0,2],[5,6]], 20000, 7) ');
    expect(random.packed?.dim).toBe(3);
    expect(random.distinct).toBe(false); // not known: the planner checks
    expect(random.values).toEqual(
      randomPoints(
        [
          [-1, 1],
          [0, 2],
          [5, 6],
        ],
        20_000,
        7,
      ),
    );
    // Fewer points, a list of several items, or another generator: arrays, as before.
    for (const text of [
      'x0=pointsGrid([[-4,4],[-4,4]],127)',
      'x0=[1,2],pointsGrid([[-4,4],[-4,4]],130)',
      'x0=pointsGrid([[-4,4],[-4,4]],130),[1,2]',
      'lr=linspace(0.1,1,20000)',
    ]) {
      const o = parseOverride(text);
      expect(o.packed, text).toBeUndefined();
      expect(Object.keys(o).sort()).toEqual(['key', 'values']);
    }
    expect(PACK_ROWS).toBeLessThanOrEqual(16_900);
  });

  it('fails as the arrays did: bad calls name the override and the generator', () => {
    const message = (text: string): string => {
      try {
        parseOverride(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message('x0=pointsGrid([[-4,4],[-4,4]],2000)')).toMatch(
      /^invalid override x0: .*pointsGrid\(\[\[lo, hi\], \.\.\.\], n\): .*at most 1000000 points/,
    );
    expect(message('x0=randomPoints([[-4,4]],0)')).toMatch(
      /randomPoints\(\[\[lo, hi\], \.\.\.\], n\[, seed\]\): /,
    );
    expect(message('x0=pointsGrid([[-4,4]])')).toMatch(/expected pointsGrid\(\[\[lo, hi\], \.\.\.\], n\)/);
    expect(message('x0=pointsGrid([[-4,4],[-4,4]],130')).toBe(
      'invalid override x0: "pointsGrid([[-4,4],[-4,4]],130" (expected "," at position 30)',
    );
    expect(message('x0=pointGrid([[-4,4]],3)')).toMatch(/unknown function pointGrid\(\)/);
  });

  it('plans what its arrays plan, without making them', () => {
    for (const text of [
      'x0=pointsGrid([[-4,4],[-4,4]],130)',
      'x0=randomPoints([[-3,3],[-2,2]],17000,11)',
      // Repeated points (the first coordinate takes one value): runs collapse as with the arrays.
      'x0=pointsGrid([[1,1],[-4,4]],[2,9000])',
    ]) {
      const o = parseOverride(text);
      expect(o.packed, text).toBeDefined();
      vi.mocked(values.packedValue).mockClear();
      vi.mocked(values.unpack).mockClear();
      const packed = planSweep(starts, [withoutArrays(o)]);
      // The swept axis's first 2,001 distinct points (for the report), one start to check: not its 17,000 rows.
      expect(vi.mocked(values.packedValue).mock.calls.length, text).toBeLessThan(2_100);
      expect(vi.mocked(values.unpack), text).not.toHaveBeenCalled();
      samePlan(packed, planSweep(starts, [asArrays(o)]));
    }
    const o = parseOverride('x0=pointsGrid([[1,1],[-4,4]],[2,9000])');
    expect(planSweep(starts, [withoutArrays(o)]).count).toBe(2 * 9000); // 2 learning rates × the distinct points
  });

  it('with other overrides, plot filters and the run cap', () => {
    const x0 = parseOverride('x0=pointsGrid([[-4,4],[-4,4]],130)');
    const lr = parseOverride('lr=0.05,0.5,1.5');
    samePlan(planSweep(starts, [lr, withoutArrays(x0)]), planSweep(starts, [lr, asArrays(x0)]));
    expect(() => planSweep(starts, [lr, withoutArrays(x0)], { maxRuns: 50_000 })).toThrow(
      /the sweep has 50,700 runs \(lr: 3 × x0: 16900\), more than --max-runs 50000/,
    );
    // A plot that filters on x0 reads its points (its arrays are made then), and plans the same.
    const filtered = {
      ...starts,
      plots: [{ type: 'contour', where: { x0: [-4, -4] }, maxRuns: 3 }],
    } as Experiment;
    vi.mocked(values.unpack).mockClear();
    samePlan(planSweep(filtered, [x0]), planSweep(filtered, [asArrays(x0)]));
    expect(vi.mocked(values.unpack)).toHaveBeenCalled();
  });

  it('of a function experiment’s parameter: its kind checked, then kept as numbers', () => {
    const f = defineExperiment({
      id: 'f',
      title: 'f',
      description: '',
      params: { p: [0, 0], n: 1 },
      run: ({ p }) => ({ v: (p as number[])[0]! }),
    });
    const o = parseOverride('p=pointsGrid([[-1,1],[-1,1]],130)');
    samePlan(planSweep(f, [o]), planSweep(f, [asArrays(o)]));
    expect(() => planSweep(f, [parseOverride('n=pointsGrid([[-1,1],[-1,1]],130)')])).toThrow(
      /invalid override n\[0\]: .*expected number, as the experiment gives n/,
    );
  });

  it('of a key that is not x0 is checked value by value, as its arrays were', () => {
    const o = parseOverride('lr=pointsGrid([[-4,4],[-4,4]],130)');
    expect(() => planSweep(starts, [o])).toThrow(/override lr\[0\]/);
    expect(() => planSweep(starts, [parseOverride('lrate=pointsGrid([[-4,4],[-4,4]],130)')])).toThrow(
      /unknown key; did you mean lr\?/,
    );
  });
});
