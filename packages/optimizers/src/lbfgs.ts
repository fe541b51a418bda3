import { runBoundedLbfgs } from './_boundedLbfgs.js';
import { bindSearch, descentSetup, runDescent, SEARCH_DEFAULTS } from './_descent.js';
import { LbfgsRule } from './_lbfgsRule.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithm 7.5). The direction
 * −H∇f comes from the two-loop recursion (N&W Algorithm 7.4) over the last `memory` pairs
 * (sᵢ, yᵢ), with the initial matrix (N&W eq. 7.20)
 *
 * ```math
 * H_k^0 = \gamma_k I, \qquad \gamma_k = \frac{s_{k-1}^\top y_{k-1}}{y_{k-1}^\top y_{k-1}} .
 * ```
 *
 * Pairs live in ring buffers of Float64Array (2·m·n numbers), so an iteration allocates nothing and
 * costs O(m·n). The first step is steepest descent of length 1 (α₀ = 1/‖∇f‖, as L-BFGS-B); later
 * searches try α = 1. Pairs with yᵀs ≤ ε‖s‖‖y‖ are skipped; a failed search restarts once with an
 * empty memory.
 *
 * With `bounds` ([lower, upper] per coordinate, `null` for none, as SciPy's L-BFGS-B) the run stays in
 * the box l ≤ x ≤ u: x₀ is clipped, each iteration holds the binding set B (variables on a bound whose
 * gradient points out) fixed, takes the L-BFGS direction on the free variables (dropping the memory
 * when B changes), and searches along the projected path P(x + αd) (strong Wolfe while the ray stays
 * in the box, else Armijo backtracking); it converges when the projected gradient ‖x − P(x − ∇f)‖₂ ≤ tol.
 * It ends at SciPy L-BFGS-B's points (tested on bounded Rosenbrock in 2, 5 and 10 dimensions and a
 * bounded quadratic), in more iterations than L-BFGS-B's generalized Cauchy point when many bounds bind.
 *
 * Defaults: `memory` 10, `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, line search `'strong-wolfe'`
 * (c₁ = 1e-4, c₂ = 0.9; override through `lineSearchOptions`).
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - Starting point.
 * @param options - `memory` (integer ≥ 1), `bounds`, `tol`, `maxIter`, `maxfev`, `gradient`, `h`, `lineSearchOptions`,
 * `callback`, `record`.
 * @returns The result record (see {@link OptimizeResult}).
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * const r = lbfgs(rosenbrock, [-1.2, 1], { memory: 5 });
 * r.status; // 'converged', r.x ≈ [1, 1]
 * ```
 */
export function lbfgs(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  return runLbfgs(problem, resolveOptions(problem, x0, options, 'lbfgs'));
}

/** {@link lbfgs} on options already resolved. */
export function runLbfgs(problem: Problem, o: Resolved): OptimizeResult {
  const setup = descentSetup(o);
  const search = bindSearch('strong-wolfe', o.lineSearchOptions, SEARCH_DEFAULTS.quasiNewton);
  const rule = new LbfgsRule(o.n, o.memory);
  if (o.bounds !== undefined) return runBoundedLbfgs(problem, setup, rule, search);
  return runDescent(problem, setup, rule, search);
}
