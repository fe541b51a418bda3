import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { num, reportOf, runPoints, sectionRows } from './_harness.ts';

interface Ref {
  estimates: Record<string, number>;
  tStar: number;
  boxL: Record<string, number>;
  curvatureAtMinima: Record<string, number>;
  rates: number[];
  maps: Record<string, string[][]>;
}
const ref = chapter<Ref>('lipschitz-convexity');

const CONVEX = 'convex: ½t² − ½·log cosh t';
const NONCONVEX = 'non-convex: ½t² − 2·log cosh t';
const A: Record<string, string> = { [CONVEX]: '0.5', [NONCONVEX]: '2.0' };

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('lipschitz-convexity');
});

describe('lipschitz-convexity', () => {
  it('runs 2 × 81 curve points, 2 × 30 estimates and 2 × 41 rows of 80 starts', () => {
    expect(records).toHaveLength(2 * 81 + 2 * 30 + 2 * 41);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('lipschitzEstimate gives SciPy pdist’s largest slope on the same samples (mulberry32), never above L', () => {
    for (const r of where(records, { part: 'estimate' })) {
      const key = `${A[r.params.fn as string]} ${r.params.samples} ${r.params.seed}`;
      const want = ref.estimates[key]!;
      // The largest slope comes from a close pair: its difference of gradients (tanh's last bit differs
      // between JavaScript and NumPy) is divided by a distance down to ~1e-5 at 1,000 samples.
      expect(Math.abs(num(r, 'L') - want)).toBeLessThanOrEqual(1e-9 * want);
      expect(num(r, 'L')).toBeLessThanOrEqual(ref.boxL[A[r.params.fn as string]!]!);
    }
    // 1,000 samples come within 1e-3 of the constant over [−4, 4]: 0.99933 (a = ½) and 1 (a = 2).
    for (const fn of [CONVEX, NONCONVEX]) {
      for (const seed of [0, 1, 2, 3, 4]) {
        const L = num(where(records, { part: 'estimate', fn, samples: 1000, seed })[0]!, 'L');
        expect(ref.boxL[A[fn]!]! - L).toBeLessThan(1e-3);
      }
    }
  });

  it('both functions have |f″| ≤ 1; only the non-convex one has negative curvature', () => {
    const curve = (fn: string) => where(records, { part: 'curve', fn }).map((r) => num(r, 'f″'));
    expect(Math.min(...curve(CONVEX))).toBeCloseTo(0.5, 14);
    expect(Math.min(...curve(NONCONVEX))).toBeCloseTo(-1, 14);
    for (const fn of [CONVEX, NONCONVEX]) expect(Math.max(...curve(fn).map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it('every start ends where NumPy’s gradient descent ends, for each of the 41 learning rates', () => {
    for (const fn of [CONVEX, NONCONVEX]) {
      const rows = where(records, { part: 'map', fn }).sort(
        (a, b) => (a.params.lr as number) - (b.params.lr as number),
      );
      expect(rows).toHaveLength(ref.rates.length);
      rows.forEach((r, i) => {
        expect(r.params.lr as number).toBeCloseTo(ref.rates[i]!, 12);
        expect([fn, r.params.lr, r.values!.ends]).toEqual([fn, r.params.lr, ref.maps[A[fn]!]![i]]);
      });
    }
  });

  it('below 2/L = 2 every start converges and f falls at every step; above, it depends on the start', () => {
    for (const r of where(records, { part: 'map' })) {
      const lr = r.params.lr as number;
      if (lr < 2) expect([lr, r.values!.converged, r.values!.monotone]).toEqual([lr, 80, 80]);
    }
    // The curvature at the minima (½ and 0.834) is below L: convergence goes on past 2/L, up to 2/f″(min).
    expect(2 / ref.curvatureAtMinima['2.0']!).toBeCloseTo(2.399, 3);
    const convex = where(records, { part: 'map', fn: CONVEX });
    const some = convex.filter((r) => (r.params.lr as number) > 2 && (r.values!.converged as number) > 0);
    expect(some.length).toBeGreaterThan(0);
    for (const r of some) expect(r.params.lr as number).toBeLessThan(4);
    const nonconvex = where(records, { part: 'map', fn: NONCONVEX });
    for (const r of nonconvex) if ((r.params.lr as number) > 2.4) expect(r.values!.converged).toBe(0);
  });

  it('reports the share of starts that converge in each band of learning rates', async () => {
    const rows = sectionRows(
      await reportOf('lipschitz-convexity', records),
      'Outcome maps: learning rate × start, with the bound ε < 2/L',
    );
    expect(rows[0]).toEqual([
      'ε < 2 = 2/L',
      '100.0 % converge, 100.0 % with f falling at every step',
      '100.0 % converge, 100.0 % with f falling at every step',
    ]);
    expect(rows[3]![1]).toMatch(/^0\.0 % converge/);
  });
});
