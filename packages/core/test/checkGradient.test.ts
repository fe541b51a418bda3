import { describe, expect, it } from 'vitest';
import { checkGradient } from '../src/checkGradient.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';

const r2 = rosenbrock(2);
const r4 = rosenbrock(4);

describe('checkGradient', () => {
  it('matches scipy.optimize.check_grad(rosen, rosen_der, x) bit for bit', () => {
    // SciPy 1.17: check_grad(rosen, rosen_der, [-1.2, 1.0]) etc.
    expect(checkGradient(r2.f, (x) => r2.grad(x), [-1.2, 1])).toBe(9.737757311449259e-6);
    expect(checkGradient(r2.f, (x) => r2.grad(x), [0.3, 0.7])).toBe(2.3086010745665e-6);
    expect(checkGradient(r4.f, (x) => r4.grad(x), [0.5, -0.3, 1.7, 2.2])).toBe(2.9578052128125567e-5);
  });
  it('flags a wrong gradient: rosen_der·[1, 1.01] at (-1.2, 1) gives 0.8800014305641704 as SciPy', () => {
    const wrong = (x: Float64Array): Float64Array => {
      const g = r2.grad(x);
      g[1] = g[1]! * 1.01;
      return g;
    };
    expect(checkGradient(r2.f, wrong, [-1.2, 1])).toBe(0.8800014305641704);
  });
  it('reproduces the check_grad docstring example, 2.9802322387695312e-8', () => {
    // With x*x; SciPy's scalar x[0]**2 goes through libm pow, which rounds a tie differently here.
    const f = (v: Float64Array): number => v[0]! * v[0]! - 0.5 * v[1]! ** 3;
    const g = (v: Float64Array): number[] => [2 * v[0]!, -1.5 * v[1]! * v[1]!];
    expect(checkGradient(f, g, [1.5, -1.5])).toBe(2.9802322387695312e-8);
  });
  it('falls back to √ε·max(1, |x|) where x + h rounds to x, as SciPy: 0 for a linear f at 1e10', () => {
    const f = (v: Float64Array): number => 3 * v[0]!;
    expect(checkGradient(f, () => [3], [1e10])).toBe(0);
    expect(checkGradient(f, () => [3], [-1e10])).toBe(0);
  });
  it('uses options.h: a forward step of 1e-3 on x² at 1 leaves an error of h', () => {
    expect(
      checkGradient(
        (v) => v[0]! * v[0]!,
        (v) => [2 * v[0]!],
        [1],
        { h: 1e-3 },
      ),
    ).toBeCloseTo(1e-3, 12);
  });
  it('rejects a gradient of the wrong length', () => {
    expect(() => checkGradient(r2.f, () => [1, 2, 3], [0, 0])).toThrow(
      'invalid grad(x): [1, 2, 3] (expected 2 entries, got 3)',
    );
    expect(() => checkGradient(r2.f, (x) => r2.grad(x), [0, Number.NaN])).toThrow('invalid x[1]: NaN');
  });
});
