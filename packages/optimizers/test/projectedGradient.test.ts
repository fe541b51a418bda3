import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kkt, minimize, type Problem, project, projectedGradient } from '../src/index.ts';
import { function2, sphere2 } from './_problems.ts';

const half = [{ type: 'halfspace', a: [1, 1], b: 1 }] as const;

describe('projectedGradient', () => {
  it('min x² + y² s.t. x + y ≥ 1 is (½, ½) with multiplier 1 and KKT residual < 1e-8', () => {
    const r = projectedGradient(sphere2, [2, 3], { constraints: half, lr: 0.1, tol: 1e-12, maxIter: 1000 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(0.5, 12);
    expect(r.x[1]).toBeCloseTo(0.5, 12);
    expect(r.kkt!.multipliers).toHaveLength(1);
    expect(r.kkt!.multipliers[0]).toBeCloseTo(1, 12);
    expect(r.kkt!.residual).toBeLessThan(1e-8);
  });

  it('the same with the numerical gradient through minimize, from an infeasible start', () => {
    const r = minimize(function2, [-2, -3], {
      method: 'projected-gradient',
      constraints: half,
      lr: 0.1,
      tol: 1e-9,
      maxIter: 1000,
    });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(0.5, 9);
    expect(r.kkt!.multipliers[0]).toBeCloseTo(1, 9);
    expect(r.kkt!.residual).toBeLessThan(1e-8);
  });

  it('an inactive constraint has multiplier 0 and the run is plain gradient descent', () => {
    const r = projectedGradient(sphere2, [1, 1], {
      constraints: [{ type: 'ball', radius: 10 }],
      lr: 0.1,
      tol: 1e-10,
      maxIter: 1000,
    });
    expect(r.status).toBe('converged');
    expect(r.kkt!.multipliers).toEqual([0]);
    expect(Math.abs(r.x[0]!)).toBeLessThan(1e-10);
  });

  it('min (x − 2)² + (y − 2)² in the unit ball is (1/√2, 1/√2), λ = 2(2 − 1/√2)/… from stationarity', () => {
    const p: Problem = {
      f: (x) => (x[0]! - 2) ** 2 + (x[1]! - 2) ** 2,
      grad: (x, out = new Float64Array(2)) => {
        out[0] = 2 * (x[0]! - 2);
        out[1] = 2 * (x[1]! - 2);
        return out;
      },
    };
    const r = projectedGradient(p, [0, 0], {
      constraints: [{ type: 'ball', radius: 1 }],
      lr: 0.1,
      tol: 1e-12,
      maxIter: 1000,
    });
    const s = Math.SQRT1_2;
    expect(r.x[0]).toBeCloseTo(s, 12);
    // ∇f = λ·(−x/‖x‖): 2(s − 2) = −λ s  →  λ = 2(2 − s)/s = 4√2 − 2
    expect(r.kkt!.multipliers[0]).toBeCloseTo(4 * Math.SQRT2 - 2, 10);
    expect(r.kkt!.residual).toBeLessThan(1e-10);
  });

  it('a box clips the unconstrained minimum (3, −1) to the box corner, with the right multipliers', () => {
    const p: Problem = {
      f: (x) => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2,
      grad: (x, out = new Float64Array(2)) => {
        out[0] = 2 * (x[0]! - 3);
        out[1] = 2 * (x[1]! + 1);
        return out;
      },
    };
    const box = { type: 'box', lower: [0, 0], upper: [1, 1] } as const;
    const r = projectedGradient(p, [0.5, 0.5], { constraints: [box], lr: 0.2, tol: 1e-12, maxIter: 100 });
    expect(Array.from(r.x)).toEqual([1, 0]);
    // ∇f(1, 0) = (−4, 2): upper bound on x (λ = 4), lower bound on y (λ = 2); order lower₀, lower₁, upper₀, upper₁
    expect(r.kkt!.multipliers).toEqual([0, 2, 4, 0]);
    expect(r.kkt!.residual).toBe(0);
  });

  it('two constraints: box ∩ half-space, projection by Dykstra', () => {
    const cs = [
      { type: 'box', lower: [0, 0], upper: [0.4, 2] },
      { type: 'halfspace', a: [1, 1], b: 1 },
    ] as const;
    const r = projectedGradient(sphere2, [2, 2], { constraints: cs, lr: 0.1, tol: 1e-10, maxIter: 2000 });
    // min x² + y² with x ≤ 0.4, x + y ≥ 1: (0.4, 0.6); ∇f = (0.8, 1.2) = 1.2·(1, 1) − 0.4·(−1, 0)
    expect(r.x[0]).toBeCloseTo(0.4, 9);
    expect(r.x[1]).toBeCloseTo(0.6, 9);
    const [l0, l1, u0, u1, h] = r.kkt!.multipliers;
    expect([l0, l1, u1]).toEqual([0, 0, 0]);
    expect(u0).toBeCloseTo(0.4, 8);
    expect(h).toBeCloseTo(1.2, 8);
    expect(r.kkt!.residual).toBeLessThan(1e-8);
  });
});

describe('project', () => {
  it('project([{ halfspace x + y ≥ 1 }], (0, 0)) is (½, ½)', () => {
    expect(Array.from(project(half, [0, 0]))).toEqual([0.5, 0.5]);
    expect(Array.from(project(half, [3, 0]))).toEqual([3, 0]);
  });

  it('project onto a ball with a centre scales towards the centre', () => {
    const p = project([{ type: 'ball', center: [1, 1], radius: 1 }], [4, 5]);
    expect(p[0]).toBeCloseTo(1 + 3 / 5, 15);
    expect(p[1]).toBeCloseTo(1 + 4 / 5, 15);
  });

  it('the projection is idempotent, feasible, and closest (property over random points)', () => {
    const cs = [
      { type: 'ball', center: [0.5, 0], radius: 2 },
      { type: 'halfspace', a: [1, -2], b: -1 },
    ] as const;
    const coord = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, (a, b, c, d) => {
        const p = project(cs, [a, b]);
        const pp = project(cs, p);
        expect(pp[0]).toBeCloseTo(p[0]!, 9);
        expect(pp[1]).toBeCloseTo(p[1]!, 9);
        expect(Math.hypot(p[0]! - 0.5, p[1]!)).toBeLessThanOrEqual(2 + 1e-9);
        expect(p[0]! - 2 * p[1]!).toBeGreaterThanOrEqual(-1 - 1e-9);
        // any feasible point is at least as far from (a, b)
        const q = project(cs, [c, d]);
        expect(Math.hypot(q[0]! - a, q[1]! - b)).toBeGreaterThanOrEqual(
          Math.hypot(p[0]! - a, p[1]! - b) - 1e-7,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad constraints naming the field', () => {
    expect(() => project([{ type: 'ball', radius: -1 }], [0, 0])).toThrow(
      /^invalid constraints\[0\]\.radius: -1/,
    );
    expect(() => project([{ type: 'halfspace', a: [0, 0], b: 1 }], [0, 0])).toThrow(
      /^invalid constraints\[0\]\.a: \[0, 0\]/,
    );
    expect(() => project([{ type: 'box', lower: [1, 0], upper: [0, 1] }], [0, 0])).toThrow(RangeError);
    expect(() => project([{ type: 'box', lower: [0], upper: [1] }], [0, 0])).toThrow(/expected length 2/);
    expect(() => project(half, [Number.NaN, 0])).toThrow(/^invalid x/);
  });
});

describe('kkt', () => {
  it('kkt at (½, ½) for x + y ≥ 1 with ∇f = (1, 1) is { residual ≈ 0, multipliers ≈ [1] }', () => {
    const r = kkt(half, [0.5, 0.5], [1, 1]);
    expect(r.multipliers[0]).toBeCloseTo(1, 15);
    expect(r.residual).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it('an interior non-stationary point has residual ‖∇f‖∞', () => {
    expect(kkt(half, [2, 2], [4, -3])).toEqual({ residual: 4, multipliers: [0] });
  });

  it('an infeasible point counts its violation', () => {
    expect(kkt(half, [0, 0], [0, 0]).residual).toBe(1);
  });

  it('a gradient pointing out of the feasible set cannot be fitted with λ ≥ 0', () => {
    // at (½, ½) on x + y = 1 with ∇f = (−1, −1): λ would be −1, so λ = 0 and the residual is 1
    expect(kkt(half, [0.5, 0.5], [-1, -1])).toEqual({ residual: 1, multipliers: [0] });
  });
});
