import { bindSearch, type DescentRule, resolveDescent, runDescent } from './_descent.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Nonlinear conjugate gradient, Polak–Ribière with the PR+ safeguard (Nocedal & Wright §5.2,
 * eqs. 5.44–5.45), with a strong-Wolfe line search:
 *
 * ```math
 * d_{k+1} = -\nabla f_{k+1} + \beta_{k+1} d_k, \qquad
 * \beta_{k+1} = \max\!\left(0,\ \frac{\nabla f_{k+1}^\top(\nabla f_{k+1} - \nabla f_k)}{\nabla f_k^\top \nabla f_k}\right).
 * ```
 *
 * β = 0 restarts with steepest descent, and so does a direction that is not a descent direction or a
 * failed search. The first trial step is α₀ = min(1, αₖ₋₁ φ'ₖ₋₁(0) / φ'ₖ(0)) (N&W eq. 3.60), and
 * 1/‖∇f‖ (a step of length 1) at the start.
 *
 * Defaults: `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, line search `'strong-wolfe'` with c₁ = 1e-4 and
 * c₂ = 0.1 (N&W's advice for CG; override through `lineSearchOptions`). O(n) memory and work per
 * iteration, no allocation. Rosenbrock from (−1.2, 1): 22 iterations, 64 f and ∇f evaluations.
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
  const setup = resolveDescent(problem, x0, options, 'conjugate-gradient', ['strong-wolfe']);
  const search = bindSearch('strong-wolfe', setup.o.lineSearchOptions, { c1: 1e-4, c2: 0.1 });
  return runDescent(problem, setup, new PolakRibiereRule(), search);
}

/** PR+ direction; β is computed in `update`, where ∇f₊ and y are at hand. */
class PolakRibiereRule implements DescentRule {
  private beta = 0;
  /** αₖ₋₁ φ'ₖ₋₁(0) = ∇fₖ₋₁ᵀ sₖ₋₁ (NaN before the first step). */
  private gs = Number.NaN;

  direction(_x: Float64Array, _fx: number, g: Float64Array, d: Float64Array): number {
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
    if (!Number.isFinite(this.gs)) return Math.min(1, 1 / Math.sqrt(gg));
    const a = this.gs / slope;
    return a > 0 && a < 1 ? a : 1;
  }

  restart(): boolean {
    if (this.beta === 0) return false;
    this.beta = 0;
    return true;
  }

  update(s: Float64Array, y: Float64Array, g: Float64Array): void {
    let gy = 0;
    let gOldSq = 0;
    let gs = 0;
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const go = gi - y[i]!;
      gy += gi * y[i]!;
      gOldSq += go * go;
      gs += go * s[i]!;
    }
    const beta = gy / gOldSq;
    this.beta = beta > 0 && Number.isFinite(beta) ? beta : 0;
    this.gs = gs;
  }
}
