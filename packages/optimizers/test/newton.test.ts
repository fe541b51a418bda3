import { himmelblau, quadratic, rosenbrock } from '@numcomp/core';
import fc from 'fast-check';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { modifiedNewtonStep, newtonWork, shiftedCholeskySolve } from '../src/_modifiedCholesky.ts';
import { newton } from '../src/newton.ts';
import { scalar } from './_problems.ts';

const norm = (g: ArrayLike<number>): number => Math.hypot(...Array.from(g));

describe('newton', () => {
  test('newton(rosenbrock, (−1.2, 1)) with the analytic Hessian converges in 22 iterations', () => {
    const r = newton(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(norm(r.grad)).toBeLessThan(1e-5);
    expect([r.nit, r.nfev, r.ngev, r.nhev]).toEqual([22, 29, 29, 22]);
    expect(r.nit).toBeLessThan(30);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });

  test('newton with each line search on Rosenbrock', () => {
    const p = rosenbrock();
    const bt = newton(p, [-1.2, 1], { lineSearch: 'backtracking' });
    expect([bt.status, bt.nit, bt.nfev]).toEqual(['converged', 24, 33]);
    const pure = newton(p, [-1.2, 1], { lineSearch: 'none' });
    expect([pure.status, pure.nit]).toEqual(['converged', 5]);
    const ex = newton(p, [-1.2, 1], { lineSearch: 'exact' });
    expect(ex.status).toBe('converged');
    expect(ex.nit).toBeLessThan(21);
  });

  test('newton takes one full step on a quadratic', () => {
    const q = quadratic(
      [
        [4, 1],
        [1, 3],
      ],
      [1, 2],
    );
    const r = newton(q, [10, -7], { lineSearch: 'none', tol: 1e-12 });
    expect(r.nit).toBe(1);
    expect(r.x[0]).toBeCloseTo(1 / 11, 14);
    expect(r.x[1]).toBeCloseTo(7 / 11, 14);
  });

  test('newton without hess differentiates the gradient (2n gradients per Hessian)', () => {
    const { f, grad } = rosenbrock();
    const r = newton({ f, grad }, [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(r.nhev).toBe(0);
    expect(r.ngev).toBe(29 + 4 * 22);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });

  test('newton escapes a region where the Hessian is indefinite (x⁴ − x² from 0.1)', () => {
    // f'' = 12x² − 2 < 0 near 0: the pure Newton step would climb to the maximum at 0.
    const p = scalar(
      (t) => t ** 4 - t * t,
      (t) => 4 * t ** 3 - 2 * t,
    );
    const r = newton(p, [0.1], { tol: 1e-12 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(Math.SQRT1_2, 8);
    expect(r.fun).toBeCloseTo(-0.25, 12);
  });

  test('newton(cos, 0.1) stays in the start’s basin: ends at π, not 13π, with every line search', () => {
    // f'' = −cos(0.1) < 0: the modified Hessian is nearly singular, so the step is bounded by the
    // trust radius (1 at the start) instead of jumping ~100 to another minimum.
    const p = {
      ...scalar(Math.cos, (t) => -Math.sin(t)),
      hess: (x: Float64Array) => [[-Math.cos(x[0]!)]],
    };
    for (const lineSearch of ['strong-wolfe', 'backtracking', 'none', 'exact'] as const) {
      const r = newton(p, [0.1], { lineSearch });
      expect(r.status, lineSearch).toBe('converged');
      expect(r.x[0], lineSearch).toBeCloseTo(Math.PI, 6);
    }
    // Without hess (differences of the gradient) too.
    expect(
      newton(
        scalar(Math.cos, (t) => -Math.sin(t)),
        [0.1],
      ).x[0],
    ).toBeCloseTo(Math.PI, 6);
  });

  test('newton finds a Himmelblau minimum from near its saddle', () => {
    const r = newton(himmelblau(), [-0.27, -0.92]);
    expect(r.status).toBe('converged');
    expect(r.fun).toBeLessThan(1e-12);
  });

  test('modifiedNewtonStep adds τ = β − min hᵢᵢ to an indefinite Hessian (N&W Algorithm 3.3)', () => {
    const H = Float64Array.of(1, 0, 0, -1);
    const d = new Float64Array(2);
    const tau = modifiedNewtonStep(H, Float64Array.of(1, 1), d, newtonWork(2));
    expect(tau).toBe(1.001);
    expect(d[0]).toBeCloseTo(-1 / 2.001, 15);
    expect(d[1]).toBeCloseTo(-1 / 0.001, 9);
    expect(modifiedNewtonStep(Float64Array.of(2, 0, 0, 2), Float64Array.of(2, 4), d, newtonWork(2))).toBe(0);
    expect(d[0]).toBeCloseTo(-1, 15);
    expect(d[1]).toBeCloseTo(-2, 15);
    expect(
      modifiedNewtonStep(Float64Array.of(Number.NaN, 0, 0, 1), Float64Array.of(1, 1), d, newtonWork(2)),
    ).toBeNaN();
  });

  test('each attempt factorises and solves as ml-matrix CholeskyDecomposition, bit for bit', {
    timeout: 60_000,
  }, () => {
    // Entries of every scale and sign, exact zeros of both signs, near-singular matrices (a row repeated
    // up to a tiny change), and shifts τ of N&W Algorithm 3.3's sizes.
    const entry = fc.oneof(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.constantFrom(0, -0, 1, -1, 1e-300, -1e-300, 1e300),
      fc.integer({ min: -4, max: 4 }),
    );
    const system = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.record({
        upper: fc.array(entry, { minLength: n * n, maxLength: n * n }),
        g: fc.array(entry, { minLength: n, maxLength: n }),
        tau: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e4, noNaN: true })),
        nearSingular: fc.boolean(),
      }),
    );
    let definite = 0;
    let indefinite = 0;
    fc.assert(
      fc.property(system, ({ upper, g: gv, tau, nearSingular }) => {
        const n = gv.length;
        // A symmetric H, as modifiedNewtonStep leaves it.
        const H = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = i; j < n; j++) H[i * n + j] = H[j * n + i] = upper[i * n + j]!;
        if (nearSingular && n > 1) {
          for (let j = 0; j < n; j++) H[n + j] = H[j]! * (1 + 1e-12);
          for (let j = 0; j < n; j++) H[j * n + 1] = H[n + j]!;
        }
        const g = Float64Array.from(gv);
        const A = new Matrix(n, n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) A.set(i, j, H[i * n + j]! + (i === j ? tau : 0));
        const chol = new CholeskyDecomposition(A);
        const d = new Float64Array(n).fill(7);
        const ok = shiftedCholeskySolve(H, tau, g, d, newtonWork(n));
        expect(ok).toBe(chol.isPositiveDefinite());
        if (!ok) {
          indefinite++;
          expect(Array.from(d)).toEqual(new Array(n).fill(7));
          return;
        }
        definite++;
        const want = chol.solve(Matrix.columnVector(Array.from(g, (v) => -v)));
        for (let i = 0; i < n; i++) {
          expect(Object.is(d[i], want.get(i, 0)), `d[${i}]: ${d[i]} vs ${want.get(i, 0)}`).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 20261206 },
    );
    // Both outcomes were exercised.
    expect(definite).toBeGreaterThan(100);
    expect(indefinite).toBeGreaterThan(100);
    // One buffer set serves every step of a run: a step after another gives the same bits.
    const work = newtonWork(3);
    const H = Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const g = Float64Array.of(1, -2, 0.5);
    const first = new Float64Array(3);
    const second = new Float64Array(3);
    expect(shiftedCholeskySolve(H, 0, g, first, work)).toBe(true);
    expect(shiftedCholeskySolve(Float64Array.of(9, 0, 0, 0, 9, 0, 0, 0, 9), 0, g, second, work)).toBe(true);
    expect(shiftedCholeskySolve(H, 0, g, second, work)).toBe(true);
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  test('newton rejects an unknown line search', () => {
    expect(() => newton(rosenbrock(), [0, 0], { lineSearch: 'wolfe' as never })).toThrow(
      /invalid lineSearch: "wolfe"/,
    );
  });
});
