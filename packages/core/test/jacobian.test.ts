import { describe, expect, it } from 'vitest';
import { jacobian } from '../src/jacobian.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { maxAbsDiff } from './_helpers.ts';

// F(x, y) = (x·y, x + y², sin x) → J = [[y, x], [1, 2y], [cos x, 0]]
const F = (v: Float64Array): number[] => [v[0]! * v[1]!, v[0]! + v[1]! ** 2, Math.sin(v[0]!)];
const J = (x: number, y: number): number[] => [y, x, 1, 2 * y, Math.cos(x), 0];

describe('jacobian', () => {
  it('jacobian(F, [2, 3]) is the 3 × 2 matrix [[3, 2], [1, 6], [cos 2, 0]] to 1e-9 (central)', () => {
    const A = jacobian(F, [2, 3]);
    expect([A.rows, A.cols]).toEqual([3, 2]);
    expect(maxAbsDiff(A.data, J(2, 3))).toBeLessThan(1e-9);
  });
  it('forward and backward differences are first order: error ≈ h·|F″|/2 with h = 1e-3', () => {
    const fw = jacobian(F, [2, 3], { method: 'forward', h: 1e-3 });
    const bw = jacobian(F, [2, 3], { method: 'backward', h: 1e-3 });
    // ∂(x + y²)/∂y: forward 2y + h, backward 2y − h
    expect(fw.data[3]).toBeCloseTo(6.001, 9);
    expect(bw.data[3]).toBeCloseTo(5.999, 9);
    // the average is second order
    const avg = fw.data.map((v, i) => (v + bw.data[i]!) / 2);
    expect(maxAbsDiff(avg, J(2, 3))).toBeLessThan(1e-6);
  });
  it('default one-sided steps (√ε·max(1, |x|)) give about 1e-7 relative accuracy', () => {
    const A = jacobian(F, [2, 3], { method: 'forward' });
    expect(maxAbsDiff(A.data, J(2, 3))).toBeLessThan(1e-6);
    expect(maxAbsDiff(A.data, J(2, 3))).toBeGreaterThan(0);
  });
  it('the Jacobian of rosenbrock’s gradient is its Hessian (5-D, 1e-6 relative)', () => {
    const r = rosenbrock(5);
    const x = Float64Array.of(-1.2, 1, 0.5, -0.3, 2);
    const H = r.hess(x).data;
    const A = jacobian((v) => r.grad(v), x);
    expect(maxAbsDiff(A.data, H) / Math.max(...H.map(Math.abs))).toBeLessThan(1e-8);
  });
  it('copies F’s output before the next call, so F may reuse one buffer', () => {
    const buf = new Float64Array(2);
    const G = (v: Float64Array): Float64Array => {
      buf[0] = v[0]! * v[0]!;
      buf[1] = v[0]! * v[1]!;
      return buf;
    };
    for (const method of ['central', 'forward', 'backward'] as const) {
      const A = jacobian(G, [1, 2], { method, h: 1e-6 });
      expect(maxAbsDiff(A.data, [2, 0, 2, 1])).toBeLessThan(1e-5);
    }
  });
  it('leaves x untouched', () => {
    const x = Float64Array.of(2, 3);
    jacobian(F, x);
    expect(x).toEqual(Float64Array.of(2, 3));
  });
  it('rejects a non-array F(x), a changing output length, a non-finite x and a bad method', () => {
    expect(() => jacobian(() => 3 as unknown as number[], [1])).toThrow(
      'invalid F(x): 3 (expected an array of numbers)',
    );
    let n = 0;
    expect(() => jacobian(() => new Array(++n).fill(0), [1, 2])).toThrow(RangeError);
    expect(() => jacobian(F, [1, Number.NaN])).toThrow('invalid x[1]: NaN');
    expect(() => jacobian(F, [1, 2], { method: 'bogus' as 'central' })).toThrow(/invalid method/);
  });
});
