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
//
// The problem's callbacks are checked where they enter: f must return a number (NaN and ±∞ are numbers:
// they are outcomes, not errors), grad n numbers and hess an n×n matrix, fully on the first call and by
// length afterwards. A wrong shape throws ArgumentTypeError/ArgumentRangeError with `.option` 'f',
// 'grad' or 'hess' and the value returned.
import { isMatrix, type Matrix, numericalGradientInto, rangeError, show, typeError } from '@numcomp/core';
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
  /** ∇f a step up and a step down (numerical Hessian), made on first use. */
  private gp: Float64Array | null = null;
  private gm: Float64Array | null = null;
  /** The Hessian's `out` as a matrix, for a `hess(x, out)` that writes into it. */
  private hessOut: Matrix | null = null;
  private gradChecked = false;
  private hessChecked = false;

  constructor(problem: Problem, n: number, gradient: 'analytic' | 'numerical', h: number) {
    this.n = n;
    const f = problem.f;
    this.fn = (x) => {
      const v = f(x);
      if (typeof v !== 'number') throw notANumber(v);
      return v;
    };
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
    const g: unknown = this.gradFn!(x, out);
    if (!this.gradChecked) {
      checkGradient(g, this.n);
      this.gradChecked = true;
    }
    copyGradient(g, out);
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
   * (nhev += 1): `hess(x, out)` may write into `out` (given as an n×n matrix) and return it, as core's test
   * functions do, else what it returns is copied; otherwise central differences of the gradient with step
   * `max(h, 1e-6)·max(1, |xⱼ|)`, symmetrised (ngev += 2n, plus the numerical gradient's evaluations).
   */
  hess(x: Float64Array, out: Float64Array): Float64Array {
    const n = this.n;
    if (this.hessFn !== undefined) {
      this.nhev++;
      let target = this.hessOut;
      if (target === null || target.data !== out) this.hessOut = target = { rows: n, cols: n, data: out };
      const m: unknown = this.hessFn(x, target);
      if (m === target) {
        this.hessChecked = true;
        return out;
      }
      if (isMatrix(m)) {
        if (m.rows !== n || m.cols !== n || m.data.length < n * n) {
          throw rangeError('hess', m, `expected a ${n}×${n} matrix, got ${m.rows}×${m.cols}`);
        }
        const data = m.data;
        for (let k = 0; k < n * n; k++) out[k] = data[k]!; // (a subarray view to set from: ~100 bytes a call)
      } else {
        if (m === null || typeof m !== 'object' || (m as ArrayLike<unknown>).length !== n) {
          throw hessShape(m, n);
        }
        const rows = m as ArrayLike<ArrayLike<number>>;
        for (let i = 0; i < n; i++) {
          const row = rows[i];
          if (row === null || typeof row !== 'object' || row.length !== n) throw hessShape(m, n);
          if (!this.hessChecked) {
            for (let j = 0; j < n; j++) {
              if (typeof row[j] !== 'number') {
                throw typeError(`hess[${i}][${j}]`, row[j], 'expected hess(x) to return numbers');
              }
            }
          }
          for (let j = 0; j < n; j++) out[i * n + j] = row[j]!;
        }
      }
      this.hessChecked = true;
      return out;
    }
    if (this.gp === null) {
      this.gp = new Float64Array(n);
      this.gm = new Float64Array(n);
    }
    const gp = this.gp!;
    const gm = this.gm!;
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

/** The error for an objective that returned something other than a number. */
export function notANumber(v: unknown): TypeError {
  return typeError('f', v, 'expected f(x) to return a number');
}

/** Full check of a gradient's first return value: n numbers. */
function checkGradient(g: unknown, n: number): void {
  if (g === null || typeof g !== 'object' || typeof (g as ArrayLike<unknown>).length !== 'number') {
    throw typeError('grad', g, `expected grad(x) to return ${n} numbers`);
  }
  const a = g as ArrayLike<unknown>;
  if (a.length !== n) throw rangeError('grad', g, `expected ${n} numbers, got ${a.length}`);
  if (!(a instanceof Float64Array)) {
    for (let i = 0; i < n; i++) {
      if (typeof a[i] !== 'number') throw typeError(`grad[${i}]`, a[i], 'expected grad(x) to return numbers');
    }
  }
}

/** Copies a gradient returned in its own array into `out`, checking its length (cheap, every call). */
export function copyGradient(g: unknown, out: Float64Array): void {
  if (g === out) return;
  if (g === null || typeof g !== 'object' || (g as ArrayLike<number>).length !== out.length) {
    checkGradient(g, out.length);
  }
  out.set(g as ArrayLike<number>);
}

function hessShape(m: unknown, n: number): RangeError | TypeError {
  if (m === null || typeof m !== 'object' || typeof (m as ArrayLike<unknown>).length !== 'number') {
    return typeError('hess', m, `expected hess(x) to return a ${n}×${n} matrix`);
  }
  const rows = m as ArrayLike<unknown>;
  const r0 = rows[0] as ArrayLike<unknown> | undefined;
  const cols = r0 !== null && typeof r0 === 'object' ? show(r0.length) : '?';
  let bad = '';
  for (let i = 0; i < rows.length && bad === ''; i++) {
    const r = rows[i] as ArrayLike<unknown> | null;
    if (r === null || typeof r !== 'object' || r.length !== n)
      bad = `, row ${i} has ${r === null || typeof r !== 'object' ? 'no' : r.length} entries`;
  }
  return rangeError('hess', m, `expected a ${n}×${n} matrix, got ${rows.length}×${cols}${bad}`);
}
