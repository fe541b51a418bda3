// φ(α) = f(x + αd) and φ'(α) = ∇f(x + αd)ᵀd over preallocated buffers, counted by an Evaluator:
//
//   const lf = new LineFunction(ev, n);     // once per run
//   lf.reset(x, d);                          // each iteration (x and d are kept by reference)
//   strongWolfe(lf.phi, lf.dphi, fx, gᵀd, opts, out);
//   lf.accept(out.alpha, x, g);              // x ← x + αd, g ← ∇f(x), reusing the search's gradient
//
// No allocation after construction. The gradient is re-evaluated by `accept` only when the search's last
// gradient was not taken at the accepted α.
import type { Evaluator } from '../_evaluator.js';
import type { ScalarFunction } from './types.js';

/** The objective restricted to the ray x + αd. */
export class LineFunction {
  /** x + αd at the last α evaluated. */
  readonly xt: Float64Array;
  /** ∇f(x + gAlpha·d). */
  readonly gt: Float64Array;
  /** φ(α) = f(x + αd), counted. */
  readonly phi: ScalarFunction;
  /** φ'(α) = ∇f(x + αd)ᵀd, counted. */
  readonly dphi: ScalarFunction;
  private x: Float64Array;
  private d: Float64Array;
  private xAlpha = Number.NaN;
  private gAlpha = Number.NaN;

  constructor(
    private readonly ev: Evaluator,
    n: number,
  ) {
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
    this.x = this.xt;
    this.d = this.gt;
    this.phi = (alpha) => {
      this.moveTo(alpha);
      return this.ev.f(this.xt);
    };
    this.dphi = (alpha) => {
      this.moveTo(alpha);
      if (alpha !== this.gAlpha) {
        this.ev.grad(this.xt, this.gt);
        this.gAlpha = alpha;
      }
      const g = this.gt;
      const d = this.d;
      let s = 0;
      for (let i = 0; i < d.length; i++) s += g[i]! * d[i]!;
      return s;
    };
  }

  /** Starts a new ray from `x` along `d` (both kept by reference until the next reset). */
  reset(x: Float64Array, d: Float64Array): void {
    this.x = x;
    this.d = d;
    this.xAlpha = Number.NaN;
    this.gAlpha = Number.NaN;
  }

  /** Writes x + αd into `xt`. */
  private moveTo(alpha: number): void {
    if (alpha === this.xAlpha) return;
    const { x, d, xt } = this;
    for (let i = 0; i < xt.length; i++) xt[i] = x[i]! + alpha * d[i]!;
    this.xAlpha = alpha;
  }

  /**
   * Moves the ray's `x` to x + αd in place and writes ∇f there into `g` (evaluated only when the
   * search did not leave it in `gt`). Returns false when x + αd equals x in every coordinate.
   */
  accept(alpha: number, x: Float64Array, g: Float64Array): boolean {
    const d = this.d;
    let changed = false;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      const v = xi + alpha * d[i]!;
      if (v !== xi) changed = true;
      x[i] = v;
    }
    if (alpha === this.gAlpha) g.set(this.gt);
    else this.ev.grad(x, g);
    this.xAlpha = Number.NaN;
    this.gAlpha = Number.NaN;
    return changed;
  }
}
