// A key of many numeric rows is kept as numbers (plan/values.ts): its runs, ids, lines and CSV rows are
// those of the same key kept as texts.
import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { TaskDecoder, TaskEncoder } from '../src/execute/wire.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { linspace } from '../src/experiment/linspace.ts';
import { pointsGrid } from '../src/experiment/pointsGrid.ts';
import { canonicalJson } from '../src/format/canonicalJson.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep, type SweepPlan } from '../src/plan/planSweep.ts';
import { planTag, SpaceWalker } from '../src/plan/space.ts';
import {
  isPacked,
  PACK_ROWS,
  packedDistinct,
  packedValue,
  packedVaries,
  packValues,
  packValuesOnce,
  rowText,
} from '../src/plan/values.ts';
import type { BatchTask, Experiment, Json, RunSpace } from '../src/types.ts';

const box: [number, number][] = [
  [-4, 4],
  [-4, 4],
];

const fixture = new URL('./fixtures/packed/packed.js', import.meta.url).href;
/** 130 × 130 starts (16,900: packed) on the sphere, two learning rates, a few steps each. */
const starts = (await import(fixture)).default as Experiment;

describe('packValues and its readers', () => {
  it('packs numbers or vectors of one length, −0 as 0, and refuses anything else', () => {
    expect(
      packValues(
        [
          [1, 2],
          [3, -0],
          [0.1, 1e21],
        ],
        1,
      ),
    ).toEqual({
      dim: 2,
      rows: 3,
      data: new Float64Array([1, 2, 3, 0, 0.1, 1e21]),
    });
    expect(packValues([0.5, -0, 7], 1)).toEqual({ dim: 0, rows: 3, data: new Float64Array([0.5, 0, 7]) });
    expect(Object.is(packValues([-0], 1)!.data[0], 0)).toBe(true);
    for (const bad of [
      [[1, 2], [3]],
      [1, [2]],
      [[1, 2], 3],
      [1, Number.NaN],
      [[1, Number.POSITIVE_INFINITY]],
      [1, '2'],
      [[1, '2']],
      [1, null],
      [[]],
    ] as Json[][])
      expect(packValues(bad, 1), JSON.stringify(bad)).toBeUndefined();
    expect(packValues([1, 2, 3])).toBeUndefined(); // fewer rows than PACK_ROWS
    expect(packValues([], 0)).toBeUndefined();
  });

  it('prints each row as canonical JSON prints it, and reads it back as JSON.parse of that text', () => {
    const rows: Json[] = [
      [0.1, -3],
      [1e-7, 123456789012],
      [-0, 5e-324],
      [1.7976931348623157e308, -2.5e-8],
      [1 / 3, 2 / 3],
    ];
    const p = packValues(rows, 1)!;
    rows.forEach((v, r) => {
      expect(rowText(p, r)).toBe(canonicalJson(v));
      expect(packedValue(p, r)).toEqual(JSON.parse(canonicalJson(v)));
    });
    const scalars = packValues([0.1, -0, 1e21, 2 ** -1074], 1)!;
    [0.1, -0, 1e21, 2 ** -1074].forEach((v, r) => {
      expect(rowText(scalars, r)).toBe(canonicalJson(v));
      expect(Object.is(packedValue(scalars, r), JSON.parse(canonicalJson(v)))).toBe(true);
    });
  });

  it('packValuesOnce packs a list once, as packValues does, above its row count', () => {
    const points = pointsGrid(box, 5);
    const once = packValuesOnce(points, 10);
    expect(once).toEqual(packValues(points, 10));
    expect(packValuesOnce(points, 0)).toBe(once);
    expect(packValuesOnce(points, 26)).toBeUndefined();
    expect(packValuesOnce([], 0)).toBeUndefined();
    const mixed: Json[] = [[1, 2], 'a', [3, 4]];
    expect(packValuesOnce(mixed, 0)).toBeUndefined();
    expect(packValuesOnce(mixed, 0)).toBeUndefined();
  });

  it('tells repeated rows (−0 and 0 alike, as their texts are) and varying keys', () => {
    const grid = pointsGrid(box, 200);
    expect(packedDistinct(packValues(grid, 1)!)).toBe(true);
    expect(packedDistinct(packValues([...grid, grid[12_345]!], 1)!)).toBe(false);
    expect(
      packedDistinct(
        packValues(
          [
            [0, 1],
            [2, 3],
            [-0, 1],
          ],
          1,
        )!,
      ),
    ).toBe(false);
    expect(packedDistinct(packValues([0.1, 0.2, 0.30000000000000004, 0.3], 1)!)).toBe(true);
    expect(
      packedVaries(
        packValues(
          [
            [1, 2],
            [1, 2],
            [1, 2.000000000000001],
          ],
          1,
        )!,
      ),
    ).toBe(true);
    expect(
      packedVaries(
        packValues(
          [
            [1, 2],
            [1, 2],
          ],
          1,
        )!,
      ),
    ).toBe(false);
  });
});

/** The plan of `def`, packed (default) and with every key kept as texts. */
function both(def: unknown, args: string[] = []): [SweepPlan, SweepPlan] {
  return [
    planSweep(def, parseOverrides(args), { code: 'c0de' }),
    planSweep(def, parseOverrides(args), { code: 'c0de', packRows: Number.POSITIVE_INFINITY }),
  ];
}

const packedKeys = (space: RunSpace): string[] => space.keys.filter((_, j) => isPacked(space.values[j]!));

describe('a plan keeps a large numeric axis as numbers', () => {
  it('packs x0 of 16,900 starts and gives every run the same id, text and params as texts would', () => {
    const [packed, texts] = both(starts);
    expect(packedKeys(packed.space)).toEqual(['x0']);
    expect(packedKeys(texts.space)).toEqual([]);
    expect(packed.count).toBe(2 * 16_900);
    expect(texts.count).toBe(packed.count);
    for (let i = 0; i < packed.count; i += 7) {
      const run = packed.runAt(i);
      expect(run).toEqual(texts.runAt(i));
      expect(packed.paramsOf(i)).toEqual(texts.paramsOf(i));
      expect(run.params).toBe(canonicalJson(packed.paramsOf(i)));
    }
    expect(paramColumns(packed.space)).toEqual(paramColumns(texts.space));
    expect(packed.axes).toEqual(texts.axes);
    expect(packed.plots).toEqual(texts.plots);
    // The tag names the layout too: the two plans find their recorded runs by id, not each other's lines.
    expect(planTag(packed.space)).not.toBe(planTag(texts.space));
    expect(planTag(packed.space)).toBe(planTag(both(starts)[0].space));
  });

  it('packs an override of scalars (lr, 20,000 values) and of points, and keeps short axes as texts', () => {
    const [lr, lrTexts] = both(starts, ['lr=linspace(0.01,1,20000)', 'x0=[1,2],[3,4]']);
    expect(packedKeys(lr.space)).toEqual(['lr']);
    expect(lr.count).toBe(40_000);
    for (const i of [0, 1, 2, 12_345, 39_999]) expect(lr.runAt(i)).toEqual(lrTexts.runAt(i));
    expect(lr.paramsOf(12_345)).toEqual(lrTexts.paramsOf(12_345));
    const [few] = both(starts, ['x0=pointsGrid([[-4,4],[-4,4]],100)']);
    expect(packedKeys(few.space)).toEqual([]);
    expect(PACK_ROWS).toBeGreaterThan(100 * 100);
  });

  it('drops a repeated start (0 and −0 alike) as texts would, keeping the first', () => {
    const grid = pointsGrid(box, 130);
    const dup = defineExperiment({ ...starts, grid: { x0: [...grid, [9, 0], grid[77]!, [9, -0], [5, 5]] } });
    const [packed, texts] = both(dup);
    expect(packedKeys(packed.space)).toEqual(['x0']);
    expect(packed.count).toBe(16_902);
    expect(texts.count).toBe(16_902);
    expect([...packed.space.positions!]).toEqual([...texts.space.positions!]);
    expect(packed.runAt(16_901)).toEqual(texts.runAt(16_901));
    expect(JSON.parse(packed.runAt(16_901).params).x0).toEqual([5, 5]);
  });

  it('keeps as texts an axis it cannot pack: points of two lengths, or a value that is not a number', () => {
    const fn = (grid: Record<string, Json[]>) =>
      defineExperiment({ id: 'f', title: 'f', description: '', grid, run: ({ p }) => ({ p: p ?? null }) });
    const mixed = planSweep(fn({ p: [...pointsGrid(box, 130), [1, 2, 3]] }));
    expect(packedKeys(mixed.space)).toEqual([]);
    expect(mixed.count).toBe(16_901);
    const words = planSweep(fn({ p: [...linspace(0, 1, 20_000), 'a'] }));
    expect(packedKeys(words.space)).toEqual([]);
    const flat = planSweep(fn({ p: linspace(0, 1, 20_000), q: ['a', 'b'] }));
    expect(packedKeys(flat.space)).toEqual(['p']);
    const [a, b] = [
      flat,
      planSweep(fn({ p: linspace(0, 1, 20_000), q: ['a', 'b'] }), [], { packRows: Infinity }),
    ];
    for (const i of [0, 1, 19_999, 39_999]) expect(a.runAt(i)).toEqual(b.runAt(i));
  });
});

describe('packed values cross to workers and run as texts would', () => {
  it('a decoded range task reads the packed starts in place from shared memory', () => {
    const [packed, texts] = both(starts);
    const task: BatchTask = {
      module: 'file:///x.js',
      experiment: 'starts',
      trajectory: {},
      work: { kind: 'range', space: packed.space, first: 16_000, count: 1000 },
    };
    const wire = new TaskEncoder().encode(task);
    const back = new TaskDecoder().decode(wire);
    const space = (back.work as { space: RunSpace }).space;
    const values = space.values[space.keys.indexOf('x0')]!;
    expect(isPacked(values) && values.data.buffer instanceof SharedArrayBuffer).toBe(true);
    const walker = new SpaceWalker(space);
    for (const i of [16_000, 16_500, 16_999]) {
      walker.seek(i);
      expect(walker.run()).toEqual(texts.runAt(i));
    }
    expect(planTag(space)).toBe(planTag(packed.space));
  });

  it('a batch of packed starts writes the lines and CSV rows that texts write', async () => {
    const [packed, texts] = both(starts);
    const runner = new BatchRunner();
    const results = [];
    for (const plan of [packed, texts]) {
      results.push(
        await runner.run({
          module: fixture,
          experiment: 'starts',
          trajectory: plan.trajectory,
          csvColumns: paramColumns(plan.space),
          csvXWidth: 2,
          work: { kind: 'range', space: plan.space, first: 16_850, count: 100 },
        }),
      );
    }
    const [a, b] = results.map((r) =>
      Buffer.from(r!.lines)
        .toString('utf8')
        .replace(/,"time":[^}]*}/g, '}')
        .replace(/,"plan":"[0-9a-f]+"/g, ''),
    );
    expect(a!.split('\n')).toHaveLength(101);
    expect(a).toBe(b);
    const rows = results.map((r) =>
      Buffer.from(r!.digest!.csv)
        .toString('utf8')
        .replace(/,[^,]*\n/g, '\n'),
    );
    expect(rows[0]).toBe(rows[1]);
    // Run 16,850: lr 0.1, the start (4, −4 + 8 · 124/129).
    expect(rows[0]!.split('\n')[0]).toMatch(
      /^[0-9a-f]{16},max-iter,sphere,numerical,0.1,3,gradient-descent,4,0.9612403100775\d*,/,
    );
  });
});

describe('linspace over 10⁵ values', () => {
  it('packs as scalars', () => {
    expect(packValues(linspace(0, 1, 100_000))!.dim).toBe(0);
  });
});
