import {
  bindSearch,
  type DescentRule,
  type DescentState,
  descentSetup,
  runDescent,
  SEARCH_DEFAULTS,
} from './_descent.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithm 6.1). Keeps the dense inverse
 * Hessian approximation H (H₀ = I) and updates it with (N&W eq. 6.17)
 *
 * ```math
 * H_{k+1} = (I - \rho_k s_k y_k^\top) H_k (I - \rho_k y_k s_k^\top) + \rho_k s_k s_k^\top,
 * \qquad \rho_k = 1 / y_k^\top s_k .
 * ```
 *
 * The first trial step of each search is SciPy's: α₀ = min(1, 1.01·2(fₖ − fₖ₋₁)/φ'(0)) (N&W eq. 3.60),
 * with f₋₁ = f₀ + ‖∇f₀‖/2 so that the first step has length ≈ 1. Pairs with yᵀs ≤ ε‖s‖‖y‖ are skipped;
 * a failed search restarts once from H = I. With `scaleH0: true`, H₀ is rescaled to (yᵀs / yᵀy) I
 * before the first update (N&W eq. 6.20).
 *
 * Defaults: `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n (SciPy's), line search `'strong-wolfe'` with c₁ = 1e-4,
 * c₂ = 0.9 (override through `lineSearchOptions`). Memory O(n²); each iteration O(n²) flops and no
 * allocation. Rosenbrock from (−1.2, 1): 32 iterations, 39 f and 39 ∇f evaluations, SciPy's counts.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - Starting point.
 * @param options - `tol`, `maxIter`, `gradient`, `h`, `lineSearchOptions`, `scaleH0`, `callback`, `record`.
 * @returns The result record; `status` is `'converged'`, `'max-iter'`, `'stalled'` (no step decreases f),
 * `'diverged'`, `'non-finite'` or `'stopped'`.
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * const r = bfgs(rosenbrock, [-1.2, 1]);
 * r.status; // 'converged', r.x ≈ [1, 1], r.nit === 32, r.nfev === 39
 * ```
 */
export function bfgs(problem: Problem, x0: ArrayLike<number>, options: MinimizeOptions = {}): OptimizeResult {
  return runBfgs(problem, resolveOptions(problem, x0, options, 'bfgs'));
}

/** {@link bfgs} on options already resolved. */
export function runBfgs(problem: Problem, o: Resolved): OptimizeResult {
  const search = bindSearch('strong-wolfe', o.lineSearchOptions, SEARCH_DEFAULTS.quasiNewton);
  return runDescent(problem, descentSetup(o), new BfgsRule(o.n, o.scaleH0), search);
}

/** Dense inverse-Hessian BFGS direction and update. */
class BfgsRule implements DescentRule {
  private readonly n: number;
  private readonly scaleH0: boolean;
  private readonly H: Float64Array;
  private readonly Hy: Float64Array;
  /** True while H is the identity (no update since the start or the last restart). */
  private fresh = true;
  /** f at the previous iterate, for the initial step. */
  private fPrev = Number.NaN;

  constructor(n: number, scaleH0: boolean) {
    this.n = n;
    this.scaleH0 = scaleH0;
    this.H = new Float64Array(n * n);
    this.Hy = new Float64Array(n);
    for (let i = 0; i < n; i++) this.H[i * n + i] = 1;
  }

  direction(_x: Float64Array, g: Float64Array, d: Float64Array, k: number, st: DescentState): void {
    const fx = st.fx;
    const { n, H } = this;
    let slope = 0;
    let gg = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s -= H[row + j]! * g[j]!;
      d[i] = s;
      slope += g[i]! * s;
      gg += g[i]! * g[i]!;
    }
    if (k === 0) this.fPrev = fx + 0.5 * Math.sqrt(gg);
    st.a0 = initialStep(fx, this.fPrev, slope);
  }

  restart(): boolean {
    if (this.fresh) return false;
    const { n, H } = this;
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
    this.fresh = true;
    return true;
  }

  update(s: Float64Array, y: Float64Array, _g: Float64Array, st: DescentState): void {
    this.fPrev = st.fOld;
    const { n, H, Hy } = this;
    let ys = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ys += y[i]! * s[i]!;
      yy += y[i]! * y[i]!;
      ss += s[i]! * s[i]!;
    }
    if (!(ys > Number.EPSILON * Math.sqrt(ss * yy))) return; // curvature condition fails: skip
    if (this.fresh && this.scaleH0) {
      const gamma = ys / yy; // N&W eq. 6.20
      for (let i = 0; i < n; i++) H[i * n + i] = gamma;
    }
    this.fresh = false;
    const rho = 1 / ys;
    // H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ in product form, as SciPy: first B = H(I − ρysᵀ), then
    // (I − ρsyᵀ)B with yᵀB taken from B itself. Expanding the product instead cancels catastrophically
    // when H is far from the inverse Hessian (f = 1e50·(x − 1)²: H₀ = I against 1e-50).
    for (let i = 0; i < n; i++) {
      let v = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) v += H[row + j]! * y[j]!;
      Hy[i] = v;
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const hi = Hy[i]!;
      for (let j = 0; j < n; j++) H[row + j] = H[row + j]! - hi * s[j]! * rho;
    }
    // Hy now holds z = Bᵀy (column j: Σᵢ yᵢBᵢⱼ).
    Hy.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const yi = y[i]!;
      for (let j = 0; j < n; j++) Hy[j] = Hy[j]! + yi * H[row + j]!;
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const si = s[i]!;
      for (let j = 0; j < n; j++) H[row + j] = H[row + j]! - si * Hy[j]! * rho + si * s[j]! * rho;
    }
  }
}

/** SciPy's first trial step: min(1, 1.01·2(f − fPrev)/φ'(0)), or 1 when that is not positive. */
function initialStep(fx: number, fPrev: number, slope: number): number {
  const a = Math.min(1, (2.02 * (fx - fPrev)) / slope);
  return a > 0 ? a : 1;
}
