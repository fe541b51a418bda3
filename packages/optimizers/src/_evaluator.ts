// Counted access to a problem's objective, gradient and Hessian, shared by every method.
//
//   const ev = new Evaluator(problem, n, 'numerical', 1e-4);
//   const fx = ev.f(x);              // nfev += 1
//   ev.grad(x, g);                   // ngev += 1 (numerical: also nfev += 2n)
//   const fx2 = ev.fg(x, g);         // both
//   ev.hess(x, H);                   // nhev += 1; row-major n×n (analytic, else differences of grad)
//   ev.nfev, ev.ngev, ev.nhev        // counters for the result record
//
// The numerical gradient is `@numcomp/core`'s `numericalGradientInto`, the notebook's
// `numerical_gradient` (central differences, perturbing x in place and restoring it), so runs match
// NumPy bit for bit. `x` is never kept; `out` is always filled.
import { isMatrix, numericalGradientInto } from '@numcomp/core';
import type { Problem } from './types.js';

/** Counts evaluations and hides whether the gradient is analytic or numerical. */
export class Evaluator {
  /** Dimension. */
  readonly n: number;
  /** True when the gradient is computed by central differences. */
  readonly numerical: boolean;
  /** Finite-difference step of the numerical gradient. */
  readonly h: number;
  /** The objective, uncounted (for recording and callbacks). */
  readonly fn: (x: Float64Array) => number;
  nfev = 0;
  ngev = 0;
  nhev = 0;
  private readonly gradFn: ((x: Float64Array, out?: Float64Array) => Float64Array) | undefined;
  private readonly hessFn: Problem['hess'];
  private work: Float64Array | null = null;

  constructor(problem: Problem, n: number, gradient: 'analytic' | 'numerical', h: number) {
    this.n = n;
    this.fn = problem.f;
    this.numerical = gradient === 'numerical' || problem.grad === undefined;
    this.h = h;
    this.gradFn = problem.grad;
    this.hessFn = problem.hess;
  }

  /** f(x), counted. */
  f(x: Float64Array): number {
    this.nfev++;
    return this.fn(x);
  }

  /** ∇f(x) written into `out` (and returned), counted. */
  grad(x: Float64Array, out: Float64Array): Float64Array {
    this.ngev++;
    if (this.numerical) {
      this.nfev += 2 * this.n;
      return numericalGradientInto(this.fn, x, out, this.h);
    }
    const g = this.gradFn!(x, out);
    if (g !== out) out.set(g);
    return out;
  }

  /** f(x), with ∇f(x) written into `out`; both counted. */
  fg(x: Float64Array, out: Float64Array): number {
    this.grad(x, out);
    return this.f(x);
  }

  /** True when the problem has an analytic Hessian. */
  get hasHessian(): boolean {
    return this.hessFn !== undefined;
  }

  /**
   * The Hessian at `x` written row-major into `out` (length n²). Analytic when the problem has `hess`
   * (nhev += 1); otherwise central differences of the gradient with step `max(h, 1e-6)·max(1, |xⱼ|)`,
   * symmetrised (ngev += 2n, plus the numerical gradient's evaluations).
   */
  hess(x: Float64Array, out: Float64Array): Float64Array {
    const n = this.n;
    if (this.hessFn !== undefined) {
      this.nhev++;
      const m = this.hessFn(x);
      if (isMatrix(m)) {
        out.set(m.data.subarray(0, n * n));
      } else {
        for (let i = 0; i < n; i++) {
          const row = m[i]!;
          for (let j = 0; j < n; j++) out[i * n + j] = row[j]!;
        }
      }
      return out;
    }
    if (this.work === null) this.work = new Float64Array(2 * n);
    const gp = this.work.subarray(0, n);
    const gm = this.work.subarray(n);
    for (let j = 0; j < n; j++) {
      const t = x[j]!;
      const s = Math.max(this.h, 1e-6) * Math.max(1, Math.abs(t));
      x[j] = t + s;
      this.grad(x, gp);
      x[j] = t - s;
      this.grad(x, gm);
      x[j] = t;
      for (let i = 0; i < n; i++) out[i * n + j] = (gp[i]! - gm[i]!) / (2 * s);
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = 0.5 * (out[i * n + j]! + out[j * n + i]!);
        out[i * n + j] = v;
        out[j * n + i] = v;
      }
    }
    return out;
  }
}
