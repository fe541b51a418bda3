import { describe, expect, it } from 'vitest';
import { hessian } from '../src/hessian.ts';
import { beale } from '../src/testFunctions/beale.ts';
import { goldsteinPrice } from '../src/testFunctions/goldsteinPrice.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { maxAbs, maxAbsDiff } from './_helpers.ts';

describe('hessian', () => {
  it('hessian(x²y + y³, [1, 2]) ≈ [[4, 2], [2, 12]] to 1e-6', () => {
    const H = hessian((v) => v[0]! ** 2 * v[1]! + v[1]! ** 3, [1, 2]);
    expect([H.rows, H.cols]).toEqual([2, 2]);
    expect(maxAbsDiff(H.data, [4, 2, 2, 12])).toBeLessThan(1e-6);
  });
  it('is exact up to rounding for a quadratic ½xᵀAx (second differences have no truncation error)', () => {
    const A = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 5];
    const q = (v: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += 0.5 * v[i]! * A[i * 3 + j]! * v[j]!;
      return s;
    };
    expect(maxAbsDiff(hessian(q, [0.3, -0.7, 1.1]).data, A)).toBeLessThan(1e-7);
  });
  it('is exactly symmetric', () => {
    const H = hessian(rosenbrock(4).f, [0.5, -0.3, 1.7, 2.2]).data;
    for (let i = 0; i < 4; i++) for (let j = 0; j < i; j++) expect(H[i * 4 + j]).toBe(H[j * 4 + i]);
  });
  it('agrees with the analytic Hessians of rosenbrock, beale and goldsteinPrice to 1e-6 relative', () => {
    const cases = [
      [rosenbrock(4), [0.5, -0.3, 1.7, 2.2]],
      [beale(), [1, 1.5]],
      [goldsteinPrice(), [0.4, -0.8]],
    ] as const;
    for (const [tf, x] of cases) {
      const ref = tf.hess(Float64Array.from(x)).data;
      expect(maxAbsDiff(hessian(tf.f, x).data, ref) / maxAbs(ref)).toBeLessThan(1e-6);
    }
  });
  it('scales the default step with |x|: the Hessian of x⁴ at 1e3 is 1.2e7 to 1e-6 relative', () => {
    const H = hessian((v) => v[0]! ** 4, [1e3]);
    expect(Math.abs(H.data[0]! / 1.2e7 - 1)).toBeLessThan(1e-6);
  });
  it('an explicit h is used as is', () => {
    // x⁴: second central difference is 12x² + 2h² exactly in exact arithmetic
    expect(hessian((v) => v[0]! ** 4, [1], { h: 0.5 }).data[0]).toBe(12.5);
  });
  it('rejects a non-finite x and a bad h', () => {
    expect(() => hessian((v) => v[0]!, [Number.POSITIVE_INFINITY])).toThrow('invalid x[0]: Infinity');
    expect(() => hessian((v) => v[0]!, [1], { h: -1 })).toThrow('invalid h: -1');
  });
});
