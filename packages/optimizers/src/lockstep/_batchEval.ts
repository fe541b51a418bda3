// f and ∇f of a lockstep batch: points struct-of-arrays, stride m (coordinate j of point p at
// X[j·m + p]), as core's `fBatch`/`gradBatch` take them.
//
//   const be = new BatchEval(problem, n, numerical, h, capacity);
//   be.values(X, m, F);            // F[p] = f(point p): fBatch, or f point by point
//   be.gradient(X, m, G, GS, BAD, extra);   // G = ∇f (gradBatch / grad point by point, or central
//                                           // differences), GS = Σg², BAD = Σ(g − g) per point
//
// The numerical gradient is the notebook's (core's `numericalGradientInto`), one coordinate j at a time
// for the whole batch: column j is set to x + h, f over the batch, to x − h, f over the batch, then
// restored; (f₊ − f₋)/(2h) per point. A point whose (xⱼ + h) − (xⱼ − h) is not 2h to √ε is redone
// alone with core's off-step rule, so every point gets core's bits. Nothing is allocated per call.
import { Evaluator } from '../_evaluator.js';
import type { BatchProblem } from './types.js';

const SQRT_EPS = Math.sqrt(Number.EPSILON);
/** Largest buffer (doubles) of the all-perturbations-at-once layout; beyond it, a column at a time. */
const WIDE_LIMIT = 1 << 20;
const CBRT_EPS = Math.cbrt(Number.EPSILON);

type Batched = (points: Float64Array, count: number, out: Float64Array) => Float64Array;

/** `GS[p] = Σⱼ G[j·m + p]²` (left to right) and `BAD[p] = Σⱼ (gⱼ − gⱼ)` for p < m. */
function norms(G: Float64Array, n: number, m: number, GS: Float64Array, BAD: Float64Array): void {
  for (let p = 0; p < m; p++) {
    let s = 0;
    let bad = 0;
    for (let q = p; q < n * m; q += m) {
      const u = G[q]!;
      s += u * u;
      bad += u - u;
    }
    GS[p] = s;
    BAD[p] = bad;
  }
}

/** Batched, counted-elsewhere evaluation of a problem; see the file comment. */
export class BatchEval {
  readonly n: number;
  readonly numerical: boolean;
  readonly h: number;
  /** The problem's fBatch and (analytic gradient) gradBatch, when it has them. */
  readonly fb: Batched | undefined;
  readonly gb: Batched | undefined;
  /** Checked f and analytic grad at one point (its counters are not used). */
  private readonly ev: Evaluator;
  private readonly pt: Float64Array;
  private readonly gp: Float64Array;
  private readonly keep: Float64Array;
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  private readonly seen: Uint8Array;
  /** The 2n perturbed copies of every point (see {@link wide}) and f at them; empty when not used. */
  readonly W: Float64Array;
  readonly FW: Float64Array;

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
    const wide = this.fb !== undefined && numerical && 2 * n * n * capacity <= WIDE_LIMIT;
    this.W = new Float64Array(wide ? 2 * n * n * capacity : 0);
    this.FW = new Float64Array(wide ? 2 * n * capacity : 0);
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
   * G = ∇f at the m points, and per point `GS[p] = Σⱼ gⱼ²` (left to right) and `BAD[p] = Σⱼ (gⱼ − gⱼ)`
   * (0, or NaN when an entry is not finite). With `extra` (gradient descent's specialised loop), a point
   * whose first off-step coordinate is j gets 2j more f evaluations counted in `extra[p]`, as that loop
   * counts when it hands the point to core's kernel.
   */
  gradient(
    X: Float64Array,
    m: number,
    G: Float64Array,
    GS: Float64Array,
    BAD: Float64Array,
    extra: Float64Array | null,
  ): void {
    if (this.numerical && this.W.length > 0) {
      this.wide(X, m, G, GS, BAD, extra);
      return;
    }
    if (this.numerical && this.central(X, m, G, GS, BAD, extra)) return;
    if (!this.numerical) {
      if (this.gb !== undefined) {
        this.gb(X, m, G);
      } else {
        const { n, gp, ev } = this;
        for (let p = 0; p < m; p++) {
          ev.grad(this.gather(X, m, p), gp);
          for (let j = 0; j < n; j++) G[j * m + p] = gp[j]!;
        }
      }
    }
    norms(G, this.n, m, GS, BAD);
  }

  /**
   * The central differences with every perturbation at once: the 2n points x ± h·eⱼ of each of the m
   * points are written side by side (point (2j + s)·m + p is point p with coordinate j at xⱼ + h for
   * s = 0, xⱼ − h for s = 1), f is evaluated over all 2n·m of them in one fBatch call, and the quotients
   * are formed with each point's norm. Same quotients, in the same order, as the column path.
   */
  private wide(
    X: Float64Array,
    m: number,
    G: Float64Array,
    GS: Float64Array,
    BAD: Float64Array,
    extra: Float64Array | null,
  ): void {
    const { n, h, W, FW } = this;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    const count = 2 * n * m;
    let off = 0;
    for (let p = 0; p < m; p++) {
      for (let k = 0; k < n; k++) {
        const xk = X[k * m + p]!;
        const row = k * count + p;
        for (let j = 0; j < n; j++) {
          const at = row + 2 * j * m;
          if (j === k) {
            const hi = xk + h;
            const lo = xk - h;
            const e = hi - lo - h2;
            if (!(e <= tol && e >= -tol)) off++;
            W[at] = hi;
            W[at + m] = lo;
          } else {
            W[at] = xk;
            W[at + m] = xk;
          }
        }
      }
    }
    this.fb!(W, count, FW);
    for (let p = 0; p < m; p++) {
      let s = 0;
      let bad = 0;
      for (let j = 0; j < n; j++) {
        const at = 2 * j * m + p;
        const v = (FW[at]! - FW[at + m]!) / h2;
        G[j * m + p] = v;
        s += v * v;
        bad += v - v;
      }
      GS[p] = s;
      BAD[p] = bad;
    }
    if (off > 0) this.fixOffSteps(X, m, G, GS, BAD, extra);
  }

  /** Column j (at offset o) saved in `keep` and set to x + h; returns how many points step off 2h. */
  private perturb(X: Float64Array, o: number, m: number): number {
    const { h, keep } = this;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    let off = 0;
    for (let p = 0; p < m; p++) {
      const t = X[o + p]!;
      keep[p] = t;
      const hi = t + h;
      const e = hi - (t - h) - h2;
      if (!(e <= tol && e >= -tol)) off++;
      X[o + p] = hi;
    }
    return off;
  }

  /**
   * The central differences, a column at a time; the restore-and-difference pass of one column is fused
   * with the save-and-perturb pass of the next, and the last with the norms. Returns false when the
   * norms are left to the caller (off-step points in the last column).
   */
  private central(
    X: Float64Array,
    m: number,
    G: Float64Array,
    GS: Float64Array,
    BAD: Float64Array,
    extra: Float64Array | null,
  ): boolean {
    const { n, h, keep, f1, f2 } = this;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    let anyOff = false;
    let off = this.perturb(X, 0, m);
    let fused = true;
    for (let j = 0; j < n; j++) {
      const o = j * m;
      this.values(X, m, f1);
      for (let p = 0; p < m; p++) X[o + p] = keep[p]! - h;
      this.values(X, m, f2);
      if (off > 0) {
        for (let p = 0; p < m; p++) {
          X[o + p] = keep[p]!;
          G[o + p] = (f1[p]! - f2[p]!) / h2;
        }
        anyOff = true;
        this.offSteps(X, m, G, j, extra);
        if (j + 1 < n) off = this.perturb(X, o + m, m);
        else fused = false;
      } else if (j + 1 < n) {
        // Restore column j and difference it; save and perturb column j + 1.
        const o2 = o + m;
        let off2 = 0;
        for (let p = 0; p < m; p++) {
          X[o + p] = keep[p]!;
          G[o + p] = (f1[p]! - f2[p]!) / h2;
          const t = X[o2 + p]!;
          keep[p] = t;
          const hi = t + h;
          const e = hi - (t - h) - h2;
          if (!(e <= tol && e >= -tol)) off2++;
          X[o2 + p] = hi;
        }
        off = off2;
      } else {
        // Restore the last column and difference it, with each point's norm.
        for (let p = 0; p < m; p++) {
          X[o + p] = keep[p]!;
          const v = (f1[p]! - f2[p]!) / h2;
          G[o + p] = v;
          let s = 0;
          let bad = 0;
          for (let q = p; q < o; q += m) {
            const u = G[q]!;
            s += u * u;
            bad += u - u;
          }
          GS[p] = s + v * v;
          BAD[p] = bad + (v - v);
        }
      }
    }
    if (anyOff) this.seen.fill(0, 0, m);
    return fused;
  }

  /**
   * After quotients were formed from {@link W}'s values: the points that step off 2h redone with core's
   * rule, every coordinate (counted as {@link gradient} counts them), and the norms again.
   */
  fixOffSteps(
    X: Float64Array,
    m: number,
    G: Float64Array,
    GS: Float64Array,
    BAD: Float64Array,
    extra: Float64Array | null,
  ): void {
    for (let j = 0; j < this.n; j++) this.offSteps(X, m, G, j, extra);
    this.seen.fill(0, 0, m);
    norms(G, this.n, m, GS, BAD);
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
