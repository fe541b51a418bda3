import { rosenbrock } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { lbfgs } from '../src/lbfgs.ts';

const norm = (g: ArrayLike<number>): number => Math.hypot(...Array.from(g));

describe('lbfgs', () => {
  // SciPy stops on the relative reduction of f (factr), this package on ‖∇f‖₂ ≤ 1e-5: one step more.
  test("lbfgs(rosenbrock, (−1.2, 1)) converges near SciPy L-BFGS-B's 36 iterations / 44 evaluations", () => {
    const r = lbfgs(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(norm(r.grad)).toBeLessThan(1e-5);
    expect([r.nit, r.nfev, r.ngev]).toEqual([37, 45, 45]);
    expect(r.nit).toBeLessThanOrEqual(36 + 1);
    expect(r.nfev).toBeLessThanOrEqual(44 + 1);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  test('lbfgs memory changes the path (m = 10 by default; m = 1 still converges)', () => {
    const m1 = lbfgs(rosenbrock(), [-1.2, 1], { memory: 1 });
    expect(m1.status).toBe('converged');
    expect([m1.nit, m1.nfev]).toEqual([39, 64]);
    expect(lbfgs(rosenbrock(), [-1.2, 1], { memory: 10 }).nit).toBe(37);
  });

  test('lbfgs solves a 100-D Rosenbrock with memory 10', () => {
    const r = lbfgs(
      rosenbrock(100),
      new Float64Array(100).fill(-1.2).map((v, i) => (i % 2 ? 1 : v)),
    );
    expect(r.status).toBe('converged');
    for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-5);
  });

  test('lbfgs rejects a bad memory', () => {
    const p = rosenbrock();
    expect(() => lbfgs(p, [0, 0], { memory: 0 })).toThrow(/invalid memory: 0/);
    expect(() => lbfgs(p, [0, 0], { memory: '3' as never })).toThrow(TypeError);
  });
});
