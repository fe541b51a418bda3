import { function2 as coreFunction2, numericalGradientInto, sphere } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import { gradientDescent, minimize, type OptimizeResult } from '../src/index.ts';
import { function2, notebookLeastSquares, scalar, sphere2 } from './_problems.ts';

/** The notebook's gradient_descent, transcribed: history before each step, numerical gradient, h = 1e-4. */
function notebookLoop(lr: number, steps: number): { x: Float64Array; history: number[][] } {
  const x = Float64Array.of(-3, 4);
  const g = new Float64Array(2);
  const history: number[][] = [];
  for (let s = 0; s < steps; s++) {
    history.push(Array.from(x));
    numericalGradientInto(function2.f, x, g, 1e-4);
    for (let i = 0; i < 2; i++) x[i] = x[i]! - lr * g[i]!;
  }
  return { x, history };
}

describe('gradientDescent reproduces the notebook', () => {
  it('gradientDescent(function_2, (-3, 4), { lr: 0.1, maxIter: 20 }) ends where NumPy does', () => {
    const r = gradientDescent(function2, [-3, 4], { lr: 0.1, maxIter: 20 });
    // NumPy 2.4 running the notebook's cells: x = [-0.03458764513817675, 0.04611686018418694]
    expect(r.x[0]).toBe(-0.03458764513817675);
    expect(r.x[1]).toBe(0.04611686018418694);
    expect(r.nit).toBe(20);
    expect(r.status).toBe('max-iter');
    expect(r.success).toBe(false);
    // 21 gradients (the last at the final x, for the result) of 4 evaluations each, f(x0), f at step 16
    // (divergence check) and f at the end
    expect(r.ngev).toBe(21);
    expect(r.nfev).toBe(87);
    expect(r.fun).toBe(r.x[0]! * r.x[0]! + r.x[1]! * r.x[1]!);
  });

  it('gradientDescent(function_2, (-3, 4), { lr: 0.01, maxIter: 20 }) is too slow, as NumPy', () => {
    const r = minimize(function2, [-3, 4], { lr: 0.01, maxIter: 20 });
    expect(r.x[0]).toBe(-2.0028239152637823);
    expect(r.x[1]).toBe(2.6704318870183172);
  });

  it('gradientDescent(function_2, (-3, 4), { lr: 1 }) bounces between (-3, 4) and (3, -4): max-iter', () => {
    const r = minimize(function2, [-3, 4], { lr: 1, maxIter: 20, record: true });
    expect(r.status).toBe('max-iter');
    expect(Array.from(r.x)).toEqual([-3, 4]);
    const t = r.trajectory!;
    expect(t.x[1]).toEqual([3.00000000000378, -3.999999999999119]);
    expect(t.x[2]).toEqual([-3, 4]);
    expect(t.f[0]).toBe(25);
    expect(t.stepLength[0]).toBe(0);
    expect(t.stepLength[1]).toBeCloseTo(10, 10);
  });

  it('the trajectory is the notebook x_history (points before each step) plus the final point', () => {
    for (const lr of [0.1, 0.01, 1]) {
      const ref = notebookLoop(lr, 20);
      const r = minimize(function2, [-3, 4], { lr, maxIter: 20, record: true });
      const t = r.trajectory!;
      expect(t.x.slice(0, 20)).toEqual(ref.history);
      expect(t.x[20]).toEqual(Array.from(ref.x));
      expect(t.iter).toEqual(Array.from({ length: 21 }, (_, i) => i));
      expect(Array.from(r.x)).toEqual(Array.from(ref.x));
    }
  });

  it("core's function2 and sphere(2) give the same bits as the inline function_2", () => {
    const a = minimize(coreFunction2(), [-3, 4], { lr: 0.1, maxIter: 20, gradient: 'numerical' });
    const b = minimize(sphere(2), [-3, 4], { lr: 0.1, maxIter: 20, gradient: 'numerical' });
    expect(Array.from(a.x)).toEqual([-0.03458764513817675, 0.04611686018418694]);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });

  it('least squares (A = I, b = (1, 1), x0 = (2, 2), lr 0.01, tol 0.01) takes 493 steps', () => {
    const r = minimize(notebookLeastSquares, [2, 2], { lr: 0.01, tol: 0.01, maxIter: 10_000, record: true });
    expect(r.status).toBe('converged');
    expect(r.success).toBe(true);
    expect(r.nit).toBe(493);
    expect(r.x[0]).toBe(1.0070493802362332);
    expect(r.x[1]).toBe(1.0070493802362332);
    // the notebook's history[-1] (1.00712059) is the point before the last step
    expect(r.trajectory!.x[492]![0]).toBe(1.0071205860972052);
    expect(r.ngev).toBe(494);
    expect(Math.hypot(r.grad[0]!, r.grad[1]!)).toBeLessThanOrEqual(0.01);
    expect(r.trajectory!.gradNorm[492]).toBeGreaterThan(0.01);
  });

  it('maxIter 0 evaluates x0 only', () => {
    const r = gradientDescent(sphere2, [-3, 4], { maxIter: 0 });
    expect(r).toMatchObject({ nit: 0, status: 'max-iter', fun: 25, nfev: 1, ngev: 1 });
    expect(Array.from(r.grad)).toEqual([-6, 8]);
  });

  it('x0 is copied, not modified', () => {
    const x0 = Float64Array.of(-3, 4);
    gradientDescent(function2, x0, { lr: 0.1 });
    expect(Array.from(x0)).toEqual([-3, 4]);
  });
});

describe('gradientDescent outcomes are data', () => {
  it('lr 1.5 on x² grows f by 4× a step and is diverged at the first check past 1e12·(|f0|+1)', () => {
    const r = gradientDescent(
      scalar(
        (t) => t * t,
        (t) => 2 * t,
      ),
      [1],
      { lr: 1.5, maxIter: 1000 },
    );
    expect(r.status).toBe('diverged');
    // f = 4^k passes 2e12 at k = 21; f is checked every 16 steps
    expect(r.nit).toBe(32);
    expect(r.fun).toBe(4 ** 32);
    expect(r.success).toBe(false);
  });

  it('x⁴ with lr 1 from 10 overflows the gradient at step 4: diverged, not thrown', () => {
    const r = gradientDescent(
      scalar(
        (t) => t ** 4,
        (t) => 4 * t ** 3,
      ),
      [10],
      { lr: 1, maxIter: 100 },
    );
    expect(r.status).toBe('diverged');
    expect(r.nit).toBe(4);
    expect(r.grad[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it('a NaN objective at x0 is non-finite with nit 0', () => {
    const r = minimize({ f: (x) => Math.log(x[0]!) }, [-1]);
    expect(r).toMatchObject({ status: 'non-finite', nit: 0, success: false });
  });

  it('a gradient too small to move x stalls', () => {
    const r = gradientDescent(
      scalar(
        (t) => 1e-20 * t * t,
        (t) => 2e-20 * t,
      ),
      [1],
      { lr: 0.01, tol: 0 },
    );
    expect(r).toMatchObject({ status: 'stalled', nit: 0 });
    expect(r.x[0]).toBe(1);
  });

  it('a zero gradient with tol 0 converges (‖∇f‖ ≤ 0)', () => {
    const r = gradientDescent(sphere2, [0, 0]);
    expect(r).toMatchObject({ status: 'converged', nit: 0, success: true, fun: 0 });
  });

  it('callback returning false stops the run with status stopped', () => {
    const seen: number[] = [];
    const r = gradientDescent(sphere2, [-3, 4], {
      lr: 0.1,
      callback: (s) => {
        seen.push(s.nit);
        expect(s.fun).toBe(s.x[0]! ** 2 + s.x[1]! ** 2);
        expect(s.gradNorm).toBeCloseTo(2 * Math.hypot(s.x[0]!, s.x[1]!), 12);
        return s.nit < 3;
      },
    });
    expect(r).toMatchObject({ status: 'stopped', nit: 3 });
    expect(seen).toEqual([1, 2, 3]);
    // (1 − 2·0.1)³ = 0.512
    expect(r.x[0]).toBeCloseTo(-3 * 0.512, 14);
  });
});

describe('gradientDescent paths agree', () => {
  const cases: [string, Parameters<typeof minimize>[0], number[], Parameters<typeof minimize>[2]][] = [
    ['numerical, max-iter', function2, [-3, 4], { lr: 0.1, maxIter: 37 }],
    ['analytic, converged', notebookLeastSquares, [2, 2], { lr: 0.01, tol: 0.01, maxIter: 1000 }],
    [
      'analytic, diverged',
      scalar(
        (t) => t * t,
        (t) => 2 * t,
      ),
      [1],
      { lr: 1.5, maxIter: 1000 },
    ],
    ['numerical, diverged', { f: (x: Float64Array) => x[0]! ** 4 }, [10], { lr: 1, maxIter: 100 }],
    [
      'analytic, stalled',
      scalar(
        (t) => 1e-20 * t * t,
        (t) => 2e-20 * t,
      ),
      [1],
      {},
    ],
  ];
  const strip = (r: OptimizeResult) => ({
    ...r,
    trajectory: undefined,
    x: Array.from(r.x),
    grad: Array.from(r.grad),
  });
  for (const [name, problem, x0, options] of cases) {
    it(`the specialised loop and the general driver give the same result (${name})`, () => {
      const fast = minimize(problem, x0, options);
      const general = minimize(problem, x0, { ...options, record: { every: 1 } });
      const scheduled = minimize(problem, x0, { ...options, schedule: 'constant', callback: () => true });
      expect(strip(general)).toEqual(strip(fast));
      expect(strip(scheduled)).toEqual(strip(fast));
    });
  }
});

describe('gradientDescent with a line search', () => {
  const quad = {
    f: (x: Float64Array) => 0.5 * (x[0]! ** 2 + 10 * x[1]! ** 2),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(2)) => {
      out[0] = x[0]!;
      out[1] = 10 * x[1]!;
      return out;
    },
  };

  it("lineSearch 'exact' is steepest descent with exact steps: each step is gᵀg / gᵀAg", () => {
    const r = gradientDescent(quad, [10, 1], { lineSearch: 'exact', maxIter: 1, record: true });
    // g = (10, 10), gᵀg = 200, gᵀAg = 100 + 1000 → α = 2/11
    const a = 200 / 1100;
    expect(r.x[0]).toBeCloseTo(10 - 10 * a, 7);
    expect(r.x[1]).toBeCloseTo(1 - 10 * a, 7);
  });

  it("lineSearch 'strong-wolfe' and 'backtracking' converge on the quadratic, lr unused", () => {
    for (const lineSearch of ['strong-wolfe', 'backtracking', 'exact'] as const) {
      const r = gradientDescent(quad, [10, 1], { lineSearch, tol: 1e-8, maxIter: 2000 });
      expect(r.status).toBe('converged');
      expect(Math.hypot(r.x[0]!, r.x[1]!)).toBeLessThan(1e-7);
    }
  });

  it("lineSearch 'grid' takes the notebook's best ε of the candidates", () => {
    const r = gradientDescent(sphere2, [-3, 4], {
      lineSearch: 'grid',
      lineSearchOptions: { candidates: [0.01, 0.1, 0.5, 1] },
      maxIter: 1,
    });
    // f(x − ε∇f) = (1 − 2ε)²·25 is smallest at ε = 0.5: the minimum in one step
    expect(Array.from(r.x)).toEqual([0, 0]);
    // the default grid 1e-4, 3.16e-4, …, 10: the best is ε = 10^(-1/2), x ← (1 − 2ε)x
    const d = gradientDescent(sphere2, [-3, 4], { lineSearch: 'grid', maxIter: 5 });
    expect(d.x[0]).toBeCloseTo(-3 * (1 - 2 * 10 ** -0.5) ** 5, 14);
  });

  it('a line search that finds no decrease stalls', () => {
    const r = gradientDescent(sphere2, [-3, 4], {
      lineSearch: 'grid',
      lineSearchOptions: { candidates: [5, 10] },
      maxIter: 5,
    });
    expect(r).toMatchObject({ status: 'stalled', nit: 0 });
  });
});

describe('gradientDescent with a schedule', () => {
  it("schedule { type: 'step' } halves lr every 2 steps", () => {
    const r = gradientDescent(
      scalar(
        (t) => t * t,
        (t) => 2 * t,
      ),
      [1],
      {
        lr: 0.25,
        schedule: { type: 'step', every: 2, factor: 0.5 },
        maxIter: 4,
      },
    );
    // x ← (1 − 2η_k) x with η = 0.25, 0.25, 0.125, 0.125
    expect(r.x[0]).toBe(0.5 * 0.5 * 0.75 * 0.75);
  });
});
