import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Problem } from '../../src/index.ts';
import { restrictToLine } from '../../src/lineSearch/restrictToLine.ts';
import { strongWolfe } from '../../src/lineSearch/strongWolfe.ts';

const vec = (n: number, lo: number, hi: number) =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: n, maxLength: n });

/** ½xᵀ(MᵀM + μI)x − bᵀx. */
function convexQuadratic(M: number[][], mu: number, b: number[]): Problem {
  const n = b.length;
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => M.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j ? mu : 0)),
  );
  return {
    f: (x) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let j = 0; j < n; j++) r += A[i]![j]! * x[j]!;
        s += x[i]! * (0.5 * r - b[i]!);
      }
      return s;
    },
    grad: (x, out = new Float64Array(n)) => {
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let j = 0; j < n; j++) r += A[i]![j]! * x[j]!;
        out[i] = r - b[i]!;
      }
      return out;
    },
  };
}

/** Rosenbrock shifted by c: 100(y − x²)² + (1 − x)² at (x, y) = p − c. */
function shiftedRosenbrock(c: number[]): Problem {
  return {
    f: (p) => {
      const x = p[0]! - c[0]!;
      const y = p[1]! - c[1]!;
      return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    },
    grad: (p, out = new Float64Array(2)) => {
      const x = p[0]! - c[0]!;
      const y = p[1]! - c[1]!;
      out[0] = -400 * x * (y - x * x) - 2 * (1 - x);
      out[1] = 200 * (y - x * x);
      return out;
    },
  };
}

/** Σᵢ exp(aᵢᵀx) + ½‖x‖² over rows aᵢ. */
function expSum(a: number[][]): Problem {
  const n = a[0]!.length;
  return {
    f: (x) => {
      let s = 0;
      for (const r of a) s += Math.exp(r.reduce((t, v, j) => t + v * x[j]!, 0));
      for (let j = 0; j < n; j++) s += 0.5 * x[j]! * x[j]!;
      return s;
    },
    grad: (x, out = new Float64Array(n)) => {
      for (let j = 0; j < n; j++) out[j] = x[j]!;
      for (const r of a) {
        const e = Math.exp(r.reduce((t, v, j) => t + v * x[j]!, 0));
        for (let j = 0; j < n; j++) out[j] = out[j]! + e * r[j]!;
      }
      return out;
    },
  };
}

/** A descent direction −P∇f with P = NᵀN + 0.1 I (symmetric positive definite). */
function descent(problem: Problem, x: number[], N: number[][]): number[] {
  const g = problem.grad!(Float64Array.from(x));
  const n = x.length;
  return Array.from({ length: n }, (_, i) => {
    let s = 0.1 * g[i]!;
    for (let j = 0; j < n; j++) s += N.reduce((t, r) => t + r[i]! * r[j]!, 0) * g[j]!;
    return -s;
  });
}

/** Checks both strong-Wolfe conditions at the returned step, re-evaluating φ and φ'. */
function checkWolfe(problem: Problem, x: number[], d: number[], c2: number, initialStep: number): void {
  const { phi, dphi, phi0, dphi0 } = restrictToLine(problem, x, d);
  fc.pre(dphi0 < -1e-10 * Math.max(1, Math.abs(phi0)));
  const c1 = 1e-4;
  const r = strongWolfe(phi, dphi, phi0, dphi0, { c1, c2, initialStep });
  expect(r.ok).toBe(true);
  expect(r.alpha).toBeGreaterThan(0);
  const fa = phi(r.alpha);
  const ga = dphi(r.alpha);
  expect(fa).toBe(r.phi);
  expect(ga).toBe(r.dphi);
  expect(fa).toBeLessThanOrEqual(phi0 + c1 * r.alpha * dphi0); // sufficient decrease
  expect(Math.abs(ga)).toBeLessThanOrEqual(c2 * Math.abs(dphi0)); // strong curvature
}

const c2s = fc.constantFrom(0.1, 0.5, 0.9);
const steps = fc.double({ min: 1e-3, max: 10, noNaN: true });

describe('strongWolfe', () => {
  test('strongWolfe(φ) accepts α = 1 on φ(α) = (α − 2)² at once', () => {
    const r = strongWolfe(
      (a) => (a - 2) ** 2,
      (a) => 2 * (a - 2),
      4,
      -4,
    );
    expect(r).toEqual({ alpha: 1, phi: 1, dphi: -2, nfev: 1, ngev: 1, ok: true });
  });

  test('strongWolfe extrapolates towards a far minimum (φ(α) = (α − 100)²)', () => {
    const r = strongWolfe(
      (a) => (a - 100) ** 2,
      (a) => 2 * (a - 100),
      1e4,
      -200,
      { c2: 0.1 },
    );
    expect(r.ok).toBe(true);
    expect(Math.abs(r.dphi)).toBeLessThanOrEqual(20);
    expect(r.nfev).toBeLessThanOrEqual(6);
  });

  test('strongWolfe steps satisfy both conditions on random convex quadratics (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.array(vec(n, -2, 2), { minLength: n, maxLength: n }),
              fc.double({ min: 1e-3, max: 1, noNaN: true }),
              vec(n, -3, 3),
              vec(n, -3, 3),
              fc.array(vec(n, -1, 1), { minLength: n, maxLength: n }),
            ),
          ),
        c2s,
        steps,
        ([M, mu, b, x, N], c2, a0) =>
          checkWolfe(convexQuadratic(M, mu, b), x, descent(convexQuadratic(M, mu, b), x, N), c2, a0),
      ),
      { numRuns: 150 },
    );
  });

  test('strongWolfe steps satisfy both conditions on shifted Rosenbrock functions (fast-check)', () => {
    fc.assert(
      fc.property(
        vec(2, -1, 1),
        vec(2, -2, 2),
        fc.array(vec(2, -1, 1), { minLength: 2, maxLength: 2 }),
        c2s,
        steps,
        (c, x, N, c2, a0) => {
          const p = shiftedRosenbrock(c);
          checkWolfe(p, x, descent(p, x, N), c2, a0);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('strongWolfe steps satisfy both conditions on exp-sums Σ exp(aᵢᵀx) + ½‖x‖² (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.array(vec(n, -2, 2), { minLength: 1, maxLength: 4 }),
              vec(n, -2, 2),
              fc.array(vec(n, -1, 1), { minLength: n, maxLength: n }),
            ),
          ),
        c2s,
        steps,
        ([a, x, N], c2, a0) => {
          const p = expSum(a);
          checkWolfe(p, x, descent(p, x, N), c2, a0);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('strongWolfe backs off from a step where φ is not finite', () => {
    const phi = (a: number): number => (a > 0.8 ? Number.POSITIVE_INFINITY : (a - 0.5) ** 2);
    const dphi = (a: number): number => (a > 0.8 ? Number.NaN : 2 * (a - 0.5));
    const r = strongWolfe(phi, dphi, 0.25, -1, { initialStep: 5 });
    expect(r.ok).toBe(true);
    expect(r.alpha).toBeLessThan(0.8);
    expect(Math.abs(r.dphi)).toBeLessThanOrEqual(0.9);
  });

  test('strongWolfe fails cleanly: ascent direction, maxIter, maxStep', () => {
    expect(
      strongWolfe(
        (a) => a,
        () => 1,
        0,
        1,
      ),
    ).toMatchObject({ alpha: 0, ok: false, nfev: 0 });
    // φ(α) = −α never meets the curvature condition: the best step so far is returned.
    const r = strongWolfe(
      (a) => -a,
      () => -1,
      0,
      -1,
      { maxIter: 4 },
    );
    expect(r.ok).toBe(false);
    expect(r.alpha).toBeGreaterThan(1);
    expect(r.phi).toBe(-r.alpha);
    expect(r.nfev).toBe(4);
    const s = strongWolfe(
      (a) => -a,
      () => -1,
      0,
      -1,
      { maxStep: 3 },
    );
    expect(s).toMatchObject({ alpha: 3, phi: -3, ok: false });
  });

  test('strongWolfe rejects bad options', () => {
    const phi = (a: number): number => a;
    expect(() => strongWolfe(phi, phi, 0, -1, { c1: 0.5, c2: 0.4 })).toThrow(/invalid c2: 0.4/);
    expect(() => strongWolfe(phi, phi, 0, -1, { maxStep: 0 })).toThrow(/invalid maxStep: 0/);
    expect(() => strongWolfe(phi, undefined as never, 0, -1)).toThrow(/invalid dphi: undefined/);
  });
});
