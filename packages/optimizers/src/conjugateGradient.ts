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
 * Nonlinear conjugate gradient, Polak–Ribière with the PR+ safeguard (Nocedal & Wright §5.2,
 * eqs. 5.44–5.45) and Powell's restart (N&W eq. 5.52), with a strong-Wolfe line search:
 *
 * ```math
 * d_{k+1} = -\nabla f_{k+1} + \beta_{k+1} d_k, \qquad
 * \beta_{k+1} = \max\!\left(0,\ \frac{\nabla f_{k+1}^\top(\nabla f_{k+1} - \nabla f_k)}{\nabla f_k^\top \nabla f_k}\right),
 * \quad \beta_{k+1} = 0 \text{ if } |\nabla f_{k+1}^\top \nabla f_k| \ge 0.2\,\|\nabla f_{k+1}\|^2 .
 * ```
 *
 * β = 0 restarts with steepest descent, and so does a direction without sufficient descent
 * (dᵀ∇f > −0.01‖∇f‖², SciPy's test) or a failed search. The first trial step is SciPy's,
 * α₀ = min(1, 1.01·2(fₖ − fₖ₋₁)/φ'(0)) with f₋₁ = f₀ + ‖∇f₀‖/2 (a first step of length ≈ 1.01).
 *
 * Defaults: `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, line search `'strong-wolfe'` with c₁ = 1e-4 and
 * c₂ = 0.2 (override through `lineSearchOptions`). O(n) memory and work per iteration, no allocation.
 * On n-D Rosenbrock from (−1.2, 1, −1.2, …), n = 2…10, it takes fewer iterations and evaluations than
 * SciPy's CG (tested against pinned SciPy counts); 2-D: 28 iterations, 70 f and ∇f evaluations.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - Starting point.
 * @param options - `tol`, `maxIter`, `gradient`, `h`, `lineSearchOptions`, `callback`, `record`.
 * @returns The result record (see {@link OptimizeResult}).
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * conjugateGradient(rosenbrock, [-1.2, 1]).status; // 'converged'
 * ```
 */
export function conjugateGradient(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  return runConjugateGradient(problem, resolveOptions(problem, x0, options, 'conjugate-gradient'));
}

/** {@link conjugateGradient} on options already resolved. */
export function runConjugateGradient(problem: Problem, o: Resolved): OptimizeResult {
  const search = bindSearch('strong-wolfe', o.lineSearchOptions, SEARCH_DEFAULTS.conjugateGradient);
  return runDescent(problem, descentSetup(o), new PolakRibiereRule(), search);
}

/** PR+ direction with Powell's restart and SciPy's sufficient-descent test; β is computed in `update`. */
class PolakRibiereRule implements DescentRule {
  private beta = 0;
  /** f at the previous iterate (f₀ + ‖∇f₀‖/2 before the first step), for the first trial step. */
  private fPrev = Number.NaN;

  direction(_x: Float64Array, g: Float64Array, d: Float64Array, k: number, st: DescentState): void {
    const fx = st.fx;
    const n = g.length;
    const beta = this.beta;
    let slope = 0;
    let gg = 0;
    for (let i = 0; i < n; i++) {
      const v = beta === 0 ? -g[i]! : -g[i]! + beta * d[i]!;
      d[i] = v;
      slope += g[i]! * v;
      gg += g[i]! * g[i]!;
    }
    if (k === 0) this.fPrev = fx + 0.5 * Math.sqrt(gg);
    // Sufficient descent, dᵀ∇f ≤ −σ‖∇f‖² with SciPy's σ = 0.01; otherwise restart along −∇f.
    if (beta !== 0 && !(slope <= -0.01 * gg)) {
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -gg;
    }
    // SciPy's first trial step (N&W eq. 3.60 from the last decrease of f).
    const a = Math.min(1, (2.02 * (fx - this.fPrev)) / slope);
    st.a0 = a > 0 ? a : 1;
  }

  restart(): boolean {
    if (this.beta === 0) return false;
    this.beta = 0;
    return true;
  }

  update(_s: Float64Array, y: Float64Array, g: Float64Array, st: DescentState): void {
    this.fPrev = st.fOld;
    let gy = 0;
    let gOldSq = 0;
    let gOld = 0;
    let gNew = 0;
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const go = gi - y[i]!;
      gy += gi * y[i]!;
      gOldSq += go * go;
      gOld += gi * go;
      gNew += gi * gi;
    }
    // Powell's restart (N&W eq. 5.52): successive gradients far from orthogonal → steepest descent.
    const beta = Math.abs(gOld) >= 0.2 * gNew ? 0 : gy / gOldSq;
    this.beta = beta > 0 && Number.isFinite(beta) ? beta : 0;
  }
}
