import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIMMELBLAU_ENDS } from '../src/local-minima.ts';
import { chapter, where } from './_chapter.ts';
import { num, reportOf, runPoints, sectionRows } from './_harness.ts';

interface Ref {
  criticalPoints: number[];
  minima: number[];
  starts: number[];
  gdEnd: string[];
  gdSteps: number[];
  himmelblauPoints: number[][];
  himmelblauGrid: [number, number][];
  himmelblauGd: [string | [number, number], number][];
  himmelblauNewton: [string | [number, number], number][];
}
const ref = chapter<Ref>('local-minima');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('local-minima');
});

/** The experiment's name of a Himmelblau end from NumPy's: a minimum by its coordinates, else its kind. */
function himmelblauName(e: string | [number, number]): string {
  if (typeof e === 'string') return e;
  const [x, y] = e;
  if (x === -0.27 && y === -0.92) return 'the maximum';
  const minimum = [
    [3, 2],
    [-2.81, 3.13],
    [-3.78, -3.28],
    [3.58, -1.85],
  ].some(([a, b]) => a === x && b === y);
  return minimum ? `min (${x.toFixed(2)}, ${y.toFixed(2)})` : 'saddle point';
}

describe('local-minima (Figure 4.3)', () => {
  it('runs the curve, 3 methods × 136 starts on the landscape, and 2 × 200 rows of Himmelblau starts', () => {
    expect(records).toHaveLength(136 + 3 * 136 + 2 * 200);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('gradient descent on the landscape ends where NumPy’s does, from each of the 136 starts', () => {
    const gd = where(records, { part: 'landscape', method: 'gradient descent' });
    ref.starts.forEach((x0, i) => {
      const r = where(gd, { x0 })[0]!;
      expect([x0, r.values!.end]).toEqual([x0, ref.gdEnd[i]]);
      // Math.exp and NumPy's exp may differ in the last bit: the step count to |f′| ≤ 1e-8 by at most one.
      expect(Math.abs(num(r, 'steps') - ref.gdSteps[i]!)).toBeLessThanOrEqual(1);
    });
    const count = (end: string) => gd.filter((r) => r.values!.end === end).length;
    expect([count('global minimum'), count('good local minimum'), count('poor local minimum')]).toEqual([
      49, 29, 38,
    ]);
    expect(count('stuck on the plateau')).toBe(20);
  });

  it('the Newton methods: modified Newton always reaches a minimum; the book’s Newton also finds maxima and tails', () => {
    const modified = where(records, { part: 'landscape', method: 'modified Newton' });
    expect(modified.every((r) => (r.values!.end as string).endsWith('minimum'))).toBe(true);
    const newton = where(records, { part: 'landscape', method: 'Newton' });
    const ends = new Set(newton.map((r) => r.values!.end));
    expect(ends).toEqual(
      new Set([
        'global minimum',
        'good local minimum',
        'poor local minimum',
        'local maximum',
        'stuck on the plateau',
        'off into the flat tails',
      ]),
    );
    // Newton reaches a minimum exactly from the starts where f is convex on the way: those inside a well's core.
    for (const r of newton) {
      const x0 = r.params.x0 as number;
      if (Math.abs(x0 - 9) < 0.3) expect(r.values!.end).toBe('global minimum');
    }
  });

  it('Himmelblau: every 10th start of each map ends where NumPy’s gradient descent and Newton end', () => {
    ref.himmelblauGrid.forEach(([i, j], k) => {
      for (const [method, want] of [
        ['gradient descent', ref.himmelblauGd[k]!],
        ['Newton', ref.himmelblauNewton[k]!],
      ] as const) {
        const r = where(records, { part: 'himmelblau', method, row: j })[0]!;
        const name = HIMMELBLAU_ENDS[(r.values!.ends as string).charCodeAt(i) - 97];
        expect([method, i, j, name]).toEqual([method, i, j, himmelblauName(want[0])]);
        expect([method, i, j, (r.values!.steps as number[])[i]]).toEqual([method, i, j, want[1]]);
      }
    });
  });

  it('reports the counts of the 40,000 starts: gradient descent never ends at a saddle, Newton often does', async () => {
    const rows = sectionRows(
      await reportOf('local-minima', records),
      'Basins of attraction on Himmelblau’s function, 200 × 200 starts',
    );
    const byName = Object.fromEntries(rows.map((r) => [r[0], r.slice(1) as number[]]));
    const total = (k: number) => rows.reduce((s, r) => s + (r[k + 1] as number), 0);
    expect([total(0), total(1)]).toEqual([40_000, 40_000]);
    expect(byName['saddle point']![0]).toBe(0);
    expect(byName['the maximum']![0]).toBe(0);
    expect(byName['saddle point']![1]).toBeGreaterThan(10_000);
    expect(byName['the maximum']![1]).toBeGreaterThan(1000);
    const minima = rows.filter((r) => (r[0] as string).startsWith('min ('));
    expect(minima).toHaveLength(4);
    expect(minima.reduce((s, r) => s + (r[1] as number), 0)).toBe(40_000);
  });
});
