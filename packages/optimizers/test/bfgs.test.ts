import { illConditionedQuadratic, rosenbrock } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { bfgs } from '../src/bfgs.ts';

const norm = (g: ArrayLike<number>): number => Math.hypot(...Array.from(g));

describe('bfgs', () => {
  test("bfgs(rosenbrock, (−1.2, 1)) converges in SciPy's 32 iterations and 39 evaluations", () => {
    const r = bfgs(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(r.success).toBe(true);
    expect(norm(r.grad)).toBeLessThan(1e-5);
    // SciPy 1.x BFGS (H₀ = I, MINPACK dcsrch): nit 32, nfev 39, njev 39. Ours, pinned:
    expect([r.nit, r.nfev, r.ngev, r.nhev]).toEqual([32, 39, 39, 0]);
    expect(r.nit).toBeLessThanOrEqual(32);
    expect(r.nfev).toBeLessThanOrEqual(39);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.fun).toBeLessThan(1e-12);
  });

  test('bfgs with scaleH0 (N&W eq. 6.20) also converges on Rosenbrock', () => {
    const r = bfgs(rosenbrock(), [-1.2, 1], { scaleH0: true });
    expect(r.status).toBe('converged');
    expect([r.nit, r.nfev]).toEqual([38, 46]);
  });

  test('bfgs with the numerical gradient reaches (1, 1) to 1e-5', () => {
    const { f } = rosenbrock();
    const r = bfgs({ f }, [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-5);
    // Each trial evaluates f once and the gradient once (4 f evaluations by central differences).
    expect(r.nfev).toBe(5 * r.ngev);
  });

  test('bfgs solves a 10-D Rosenbrock and an ill-conditioned quadratic (κ = 1e4)', () => {
    const r = bfgs(rosenbrock(10), new Float64Array(10).fill(-1));
    expect(r.status).toBe('converged');
    for (const v of r.x) expect(v).toBeCloseTo(1, 5);
    const q = bfgs(illConditionedQuadratic(1e4, 5), [1, 1, 1, 1, 1]);
    expect(q.status).toBe('converged');
    expect(norm(q.x)).toBeLessThan(1e-5);
  });

  test('bfgs stops at maxIter, on the callback, and records the trajectory', () => {
    const p = rosenbrock();
    expect(bfgs(p, [-1.2, 1], { maxIter: 5 })).toMatchObject({ status: 'max-iter', nit: 5, success: false });
    const seen: number[] = [];
    const s = bfgs(p, [-1.2, 1], {
      callback: (st) => {
        seen.push(st.nit);
        return st.nit < 3;
      },
    });
    expect(s.status).toBe('stopped');
    expect(seen).toEqual([1, 2, 3]);
    const t = bfgs(p, [-1.2, 1], { record: true });
    expect(t.trajectory?.iter).toHaveLength(33);
    expect(t.trajectory?.f[0]).toBe(24.199999999999996);
    expect(t.trajectory?.x.at(-1)).toEqual(Array.from(t.x));
    expect(bfgs(p, [-1.2, 1]).trajectory).toBeUndefined();
  });

  test('bfgs returns a status, never throws, when the problem misbehaves', () => {
    expect(bfgs({ f: () => Number.NaN, grad: (_x, o = new Float64Array(1)) => o }, [1]).status).toBe(
      'non-finite',
    );
    // Unbounded below: f = −x diverges.
    const lin = bfgs({ f: (x) => -x[0]!, grad: (_x, o = new Float64Array(1)) => o.fill(-1) }, [0]);
    expect(lin.status).toBe('diverged');
    // At the minimum already: converged with no step.
    expect(bfgs(rosenbrock(), [1, 1])).toMatchObject({ status: 'converged', nit: 0, nfev: 1, ngev: 1 });
  });

  test('bfgs rejects bad options before any work', () => {
    let calls = 0;
    const p = {
      f: (x: Float64Array) => {
        calls++;
        return x[0]! ** 2;
      },
    };
    expect(() => bfgs(p, [1], { lineSearch: 'grid' })).toThrow(/invalid lineSearch: "grid"/);
    expect(() => bfgs(p, [1], { scaleH0: 1 as never })).toThrow(TypeError);
    expect(() => bfgs(p, [1], { lineSearchOptions: { c2: 2 } })).toThrow(/invalid lineSearchOptions.c2: 2/);
    expect(() => bfgs(p, [Number.NaN])).toThrow(RangeError);
    expect(() => bfgs(p, [1], { maxIter: -1 })).toThrow(/invalid maxIter: -1/);
    expect(calls).toBe(0);
  });
});
