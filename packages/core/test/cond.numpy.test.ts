// Cases ported from NumPy's numpy/linalg/tests/test_linalg.py (TestCond and CondCases); reference
// values in test/fixtures/cond.json, made by test/fixtures/cond.py.
import { describe, expect, it } from 'vitest';
import { fromRows } from '../src/_matrix.ts';
import { cond } from '../src/cond.ts';
import type { NormOrder } from '../src/matrixNorm.ts';
import { fixture } from './_fixtures.ts';

interface Case {
  A: number[][][];
  cond: Record<string, number[]>;
}
const data =
  fixture<Record<'basic' | 'square' | 'square4' | 'wide' | 'stackedSingular' | 'singular', Case>>(
    'cond.json',
  );
const order = (k: string): NormOrder | null =>
  k === 'None' ? null : k === 'fro' || k === 'nuc' ? k : Number(k);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    if (!Number.isFinite(e)) expect(actual[i]).toBe(e);
    else
      expect(Math.abs(actual[i]! - e), `entry ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(
        rtol * Math.abs(e),
      );
  }
}

describe('cond: NumPy TestCond', () => {
  it('test_basic_nonsvd: [[1, 0, 1], [0, −2, 0], [0, 0, 3]] gives 4, 2/3, 4, 0.5, √(265/12) for ∞, −∞, 1, −1, fro', () => {
    const A = data.basic.A as unknown as number[][];
    expect(cond(A, Infinity)).toBeCloseTo(4, 14);
    expect(cond(A, -Infinity)).toBeCloseTo(2 / 3, 14);
    expect(cond(A, 1)).toBeCloseTo(4, 14);
    expect(cond(A, -1)).toBeCloseTo(0.5, 14);
    expect(cond(A, 'fro')).toBeCloseTo(Math.sqrt(265 / 12), 14);
    for (const [k, v] of Object.entries(data.basic.cond)) close([cond(A, order(k))], v, 1e-14);
  });
  it('test_singular: zeros and ones (2 × 2) have infinite condition for p = None, 1, 2, fro; negative p do not throw', () => {
    const [zeros, ones] = data.singular.A as [number[][], number[][]];
    for (const p of [null, 1, 2, 'fro'] as const) {
      expect(cond(zeros, p)).toBe(Infinity);
      expect(cond(ones, p)).toBe(Infinity); // NumPy: > 1e15 (LAPACK may leave a rounding-sized σ_min)
    }
    for (const p of [-1, -2] as const) {
      expect(() => cond(zeros, p)).not.toThrow();
      expect(() => cond(ones, p)).not.toThrow();
    }
    for (const [k, v] of Object.entries(data.singular.cond)) close(cond(data.singular.A, order(k)), v, 0);
    // 'nuc' of a singular matrix: NumPy's SVD of the non-finite inverse raises; here it is Infinity.
    expect(cond(ones, 'nuc')).toBe(Infinity);
  });
  it('test_stacked_singular: in a stack, the zero matrices give Infinity and the others finite values (NumPy’s)', () => {
    const A = data.stackedSingular.A;
    for (const [k, v] of Object.entries(data.stackedSingular.cond)) {
      const c = cond(A, order(k));
      expect(c).toBeInstanceOf(Float64Array);
      expect([c[0], c[3]]).toEqual([Infinity, Infinity]);
      expect(Number.isFinite(c[1]!) && Number.isFinite(c[2]!)).toBe(true);
      close(c, v, 1e-13);
    }
  });
});

describe('cond: NumPy CondCases on stacks of random matrices', () => {
  for (const name of ['square', 'square4', 'wide'] as const) {
    it(`cond(stack) of the ${name} stack matches numpy.linalg.cond for every p, and each matrix alone`, () => {
      const A = data[name].A;
      for (const [k, v] of Object.entries(data[name].cond)) {
        const p = order(k);
        close(cond(A, p), v, 1e-12);
        close(cond(A.map(fromRows), p), v, 1e-12);
        close(
          A.map((a) => cond(a, p)),
          v,
          0 + 1e-12,
        );
      }
    });
  }
  it('a stack of matrices of different sizes, and errors name the matrix', () => {
    expect(
      Array.from(
        cond([
          [[2]],
          [
            [1, 0],
            [0, 4],
          ],
        ]),
      ),
    ).toEqual([1, 4]);
    expect(() => cond([[[1, 2]], [[1, Number.NaN]]], 1)).toThrow(/^invalid A\[0\]/);
    expect(() =>
      cond([
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, Number.NaN],
          [0, 1],
        ],
      ]),
    ).toThrow(/^invalid A\[1\]\[0\]\[1\]: NaN/);
    expect(() =>
      cond(
        [
          [
            [1, 0],
            [0, 1],
          ],
        ],
        3 as never,
      ),
    ).toThrow(RangeError);
  });
});
