import { describe, expect, test } from 'vitest';
import { DEFAULT_GRID, gridSearch } from '../../src/lineSearch/grid.ts';
import { restrictToLine } from '../../src/lineSearch/restrictToLine.ts';
import { sphere2 } from '../_problems.ts';

describe('gridSearch', () => {
  test('gridSearch(φ) on the notebook sum of squares from (−3, 4) picks ε = 0.5, the exact minimiser', () => {
    // d = −∇f(−3, 4) = (6, −8): φ(ε) = 25(1 − 2ε)².
    const { phi, dphi, phi0, dphi0 } = restrictToLine(sphere2, [-3, 4], [6, -8]);
    expect(phi0).toBe(25);
    expect(dphi0).toBe(-100);
    const r = gridSearch(phi, dphi, phi0, dphi0, { candidates: [0.01, 0.1, 0.5, 1] });
    expect(r).toEqual({ alpha: 0.5, phi: 0, dphi: Number.NaN, nfev: 4, ngev: 0, ok: true });
  });

  test('gridSearch takes the best of its candidates, in any order', () => {
    const phi = (a: number): number => (a - 0.3) ** 2;
    const r = gridSearch(phi, undefined, 0.09, -0.6, { candidates: [1, 0.2, 0.35, 0.05] });
    expect(r.alpha).toBe(0.35);
    expect(r.phi).toBeCloseTo(0.0025, 15);
  });

  test('gridSearch uses 10^(k/2), k = −8…2, by default', () => {
    expect(DEFAULT_GRID).toHaveLength(11);
    expect(DEFAULT_GRID[0]).toBeCloseTo(1e-4, 18);
    expect(DEFAULT_GRID[10]).toBeCloseTo(10, 12);
    const r = gridSearch((a) => (a - 0.3) ** 2, undefined, 0.09, -0.6);
    expect(r.alpha).toBe(DEFAULT_GRID[7]); // 10^(−1/2) ≈ 0.316 is the closest to 0.3
    expect(r.nfev).toBe(11);
  });

  test('gridSearch keeps the earlier candidate on a tie', () => {
    const r = gridSearch((a) => (a - 1) ** 2, undefined, 1, -2, { candidates: [0.5, 1.5] });
    expect(r.alpha).toBe(0.5);
  });

  test('gridSearch returns α = 0, ok false when no candidate decreases φ', () => {
    const r = gridSearch((a) => 1 + a, undefined, 1, 1, { candidates: [0.1, 1] });
    expect(r).toMatchObject({ alpha: 0, phi: 1, ok: false, nfev: 2 });
  });

  test('gridSearch fills and returns `out`', () => {
    const out = { alpha: -1, phi: -1, dphi: -1, nfev: -1, ngev: -1, ok: false };
    expect(gridSearch((a) => (a - 1) ** 2, undefined, 1, -2, { candidates: [1] }, out)).toBe(out);
    expect(out.alpha).toBe(1);
  });

  test('gridSearch rejects bad arguments at the edge', () => {
    const phi = (a: number): number => a;
    expect(() => gridSearch(phi, undefined, 0, -1, { candidates: [0.1, 0] })).toThrow(
      new RangeError('invalid candidates[1]: 0 (expected > 0)'),
    );
    expect(() => gridSearch(phi, undefined, 0, -1, { candidates: [] })).toThrow(RangeError);
    expect(() => gridSearch(1 as never, undefined, 0, -1)).toThrow(TypeError);
    expect(() => gridSearch(phi, undefined, Number.NaN, -1)).toThrow(/invalid phi0: NaN/);
  });
});
