// f and ∇f of a lockstep batch: points struct-of-arrays, stride m (coordinate j of point p at
// X[j·m + p]), as core's `fBatch`/`gradBatch` take them.
//
//   const be = new BatchEval(problem, n, numerical, h, capacity);
//   be.values(X, m, F);            // F[p] = f(point p): fBatch, or f point by point
//   be.gradient(X, m, G, extra);   // G = ∇f: gradBatch / grad point by point, or central differences
//
// The numerical gradient is the notebook's (core's `numericalGradientInto`), one coordinate j at a time
// for the whole batch: column j is set to x + h, f over the batch, to x − h, f over the batch, then
// restored; (f₊ − f₋)/(2h) per point. A point whose (xⱼ + h) − (xⱼ − h) is not 2h to √ε is redone
// alone with core's off-step rule, so every point gets core's bits. Nothing is allocated per call.
import { Evaluator } from '../_evaluator.js';
import type { BatchProblem } from './types.js';

const SQRT_EPS = Math.sqrt(Number.EPSILON);
const CBRT_EPS = Math.cbrt(Number.EPSILON);

type Batched = (points: Float64Array, count: number, out: Float64Array) => Float64Array;

/** Batched, counted-elsewhere evaluation of a problem; see the file comment. */
export class BatchEval {
  readonly n: number;
  readonly numerical: boolean;
  readonly h: number;
  private readonly fb: Batched | undefined;
  private readonly gb: Batched | undefined;
  /** Checked f and analytic grad at one point (its counters are not used). */
  private readonly ev: Evaluator;
  private readonly pt: Float64Array;
  private readonly gp: Float64Array;
  private readonly keep: Float64Array;
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  private readonly seen: Uint8Array;

  constructor(problem: BatchProblem, n: number, numerical: boolean, h: number, capacity: number) {
    this.n = n;
    this.numerical = numerical;
    this.h = h;
    this.fb = typeof problem.fBatch === 'function' ? problem.fBatch : undefined;
    this.gb = typeof problem.gradBatch === 'function' && !numerical ? problem.gradBatch : undefined;
    this.ev = new Evaluator(problem, n, numerical ? 'numerical' : 'analytic', h);
    this.pt = new Float64Array(n);
    this.gp = new Float64Array(n);
    this.keep = new Float64Array(capacity);
    this.f1 = new Float64Array(capacity);
    this.f2 = new Float64Array(capacity);
    this.seen = new Uint8Array(capacity);
  }

  /** Copies point p of X (stride m) into the work point. */
  private gather(X: Float64Array, m: number, p: number): Float64Array {
    const { pt, n } = this;
    for (let j = 0; j < n; j++) pt[j] = X[j * m + p]!;
    return pt;
  }

  /** out[p] = f(point p) for p < m. */
  values(X: Float64Array, m: number, out: Float64Array): void {
    if (this.fb !== undefined) {
      this.fb(X, m, out);
      return;
    }
    const fn = this.ev.fn;
    for (let p = 0; p < m; p++) out[p] = fn(this.gather(X, m, p));
  }

  /** f at point p alone. */
  valueAt(X: Float64Array, m: number, p: number): number {
    return this.ev.fn(this.gather(X, m, p));
  }

  /** f at a row-major point `x[o … o + n − 1]`. */
  valueOfRow(x: Float64Array, o: number): number {
    const { pt, n } = this;
    for (let j = 0; j < n; j++) pt[j] = x[o + j]!;
    return this.ev.fn(pt);
  }

  /**
   * G = ∇f at the m points. With `extra` (gradient descent's specialised loop), a point whose first
   * off-step coordinate is j gets 2j more f evaluations counted in `extra[p]`, as that loop counts
   * when it hands the point to core's kernel.
   */
  gradient(X: Float64Array, m: number, G: Float64Array, extra: Float64Array | null): void {
    if (this.numerical) {
      this.central(X, m, G, extra);
      return;
    }
    if (this.gb !== undefined) {
      this.gb(X, m, G);
      return;
    }
    const { n, gp, ev } = this;
    for (let p = 0; p < m; p++) {
      ev.grad(this.gather(X, m, p), gp);
      for (let j = 0; j < n; j++) G[j * m + p] = gp[j]!;
    }
  }

  private central(X: Float64Array, m: number, G: Float64Array, extra: Float64Array | null): void {
    const { n, h, keep, f1, f2 } = this;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    let anyOff = false;
    for (let j = 0; j < n; j++) {
      const o = j * m;
      let off = 0;
      for (let p = 0; p < m; p++) {
        const t = X[o + p]!;
        keep[p] = t;
        const hi = t + h;
        const e = hi - (t - h) - h2;
        if (!(e <= tol && e >= -tol)) off++;
        X[o + p] = hi;
      }
      this.values(X, m, f1);
      for (let p = 0; p < m; p++) X[o + p] = keep[p]! - h;
      this.values(X, m, f2);
      for (let p = 0; p < m; p++) {
        X[o + p] = keep[p]!;
        G[o + p] = (f1[p]! - f2[p]!) / h2;
      }
      if (off > 0) {
        anyOff = true;
        this.offSteps(X, m, G, j, extra);
      }
    }
    if (anyOff) this.seen.fill(0, 0, m);
  }

  /** Coordinate j of the points where xⱼ ± h does not step 2h: core's `offStep`, point by point. */
  private offSteps(X: Float64Array, m: number, G: Float64Array, j: number, extra: Float64Array | null): void {
    const { h, seen } = this;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    const fn = this.ev.fn;
    const o = j * m;
    for (let p = 0; p < m; p++) {
      const t = X[o + p]!;
      let hi = t + h;
      let lo = t - h;
      const e = hi - lo - h2;
      if (e <= tol && e >= -tol) continue;
      if (hi - lo === 0) {
        const s = CBRT_EPS * Math.max(1, Math.abs(t));
        hi = t + s;
        lo = t - s;
      }
      const pt = this.gather(X, m, p);
      pt[j] = hi;
      const a = fn(pt);
      pt[j] = lo;
      const b = fn(pt);
      G[o + p] = (a - b) / (hi - lo);
      if (extra !== null && seen[p] === 0) {
        seen[p] = 1;
        extra[p] = extra[p]! + 2 * j;
      }
    }
  }
}
