import { describe, expect, test } from 'vitest';
import { lstsq } from '../src/leastSquares.ts';

describe('lstsq', () => {
  test('lstsq fits a line through (0, 1), (1, 2), (2, 2): x = (7/6, 1/2), residual² = 1/6', () => {
    // By hand: AᵀA = [[3, 3], [3, 5]], Aᵀb = (5, 6) → x = (7/6, 1/2); residuals (1/6, −1/3, 1/6).
    const r = lstsq(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 2, 2],
    );
    expect(r.x[0]).toBeCloseTo(7 / 6, 14);
    expect(r.x[1]).toBeCloseTo(0.5, 14);
    expect(r.residuals).toBeCloseTo(1 / 6, 14);
    expect(r.residualNorm).toBeCloseTo(Math.sqrt(1 / 6), 14);
    expect(r.rank).toBe(2);
    // Singular values: √(4 ± √10), the roots of the eigenvalues of AᵀA.
    expect(r.singularValues[0]).toBeCloseTo(Math.sqrt(4 + Math.sqrt(10)), 14);
    expect(r.singularValues[1]).toBeCloseTo(Math.sqrt(4 - Math.sqrt(10)), 14);
  });

  test("lstsq(I₂, (1, 1)) is (1, 1), the notebook's least-squares answer", () => {
    const r = lstsq(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1],
    );
    expect(Array.from(r.x)).toEqual([1, 1]);
    expect(r.residualNorm).toBe(0);
    expect(r.residuals).toBeNaN(); // NumPy returns an empty array when m = n
    expect(Array.from(r.singularValues)).toEqual([1, 1]);
  });

  test('lstsq gives the minimum-norm solution of rank-deficient and underdetermined systems', () => {
    const d = lstsq(
      [
        [1, 1],
        [1, 1],
      ],
      [1, 3],
    );
    expect(d.rank).toBe(1);
    expect(d.x[0]).toBeCloseTo(1, 14);
    expect(d.x[1]).toBeCloseTo(1, 14);
    expect(d.residualNorm).toBeCloseTo(Math.SQRT2, 14);
    const u = lstsq([[1, 2, 3]], [6]);
    expect(u.rank).toBe(1);
    // x = b·a / ‖a‖² = (6/14)(1, 2, 3) = (3/7, 6/7, 9/7)
    expect(u.x[0]).toBeCloseTo(3 / 7, 14);
    expect(u.x[1]).toBeCloseTo(6 / 7, 14);
    expect(u.x[2]).toBeCloseTo(9 / 7, 14);
    expect(u.singularValues).toHaveLength(1);
    expect(u.singularValues[0]).toBeCloseTo(Math.sqrt(14), 14);
  });

  test('lstsq accepts a row-major matrix and an rcond', () => {
    const A = { rows: 3, cols: 2, data: Float64Array.of(1, 0, 1, 1, 1, 2) };
    expect(lstsq(A, [1, 2, 2]).x[0]).toBeCloseTo(7 / 6, 14);
    const cut = lstsq(
      [
        [1, 0],
        [0, 1e-9],
      ],
      [1, 1],
      { rcond: 1e-6 },
    );
    expect(cut.rank).toBe(1);
    expect(Array.from(cut.x)).toEqual([1, 0]);
  });

  test('lstsq rejects mismatched or non-finite input', () => {
    expect(() => lstsq([[1, 0]], [1, 2])).toThrow(/invalid b: \[1, 2\] \(expected length 1/);
    expect(() => lstsq([[1, Number.NaN]], [1])).toThrow(/invalid A\[0\]\[1\]: NaN/);
    expect(() => lstsq([[1]], [1], { rcond: -1 })).toThrow(/invalid rcond: -1/);
    expect(() => lstsq('A' as never, [1])).toThrow(TypeError);
  });
});
