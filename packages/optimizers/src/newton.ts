import {
  bindSearch,
  type DescentRule,
  type DescentState,
  descentSetup,
  runDescent,
  SEARCH_DEFAULTS,
} from './_descent.js';
import { Evaluator } from './_evaluator.js';
import { modifiedNewtonStep, type NewtonWork, newtonWork } from './_modifiedCholesky.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Newton's method with a line search and a positive-definite fallback (Nocedal & Wright §3.4):
 *
 * ```math
 * (\nabla^2 f(x_k) + \tau_k I)\, d_k = -\nabla f(x_k), \qquad x_{k+1} = x_k + \alpha_k d_k,
 * ```
 *
 * with τₖ = 0 when the Hessian is positive definite, else the first τ of N&W Algorithm 3.3 (Cholesky
 * with added multiple of the identity, factorised in place) that makes it so, and αₖ from the line
 * search starting at 1 (`'none'`: always α = 1, the pure method). The Hessian is the problem's `hess`
 * or, without one, central differences of the gradient (symmetrised). If the search finds no decrease
 * along the Newton direction, the iteration is retried once along −∇f.
 *
 * Defaults: `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, `lineSearch` `'strong-wolfe'` (c₁ = 1e-4, c₂ = 0.9);
 * also `'backtracking'` (Armijo with quadratic/cubic interpolation), `'exact'`, `'grid'` and `'none'`.
 * Each iteration factorises an n×n matrix (O(n³)) in buffers allocated once per run. Rosenbrock from
 * (−1.2, 1) with the analytic Hessian: 21 iterations (24 with backtracking, 5 with pure Newton steps).
 *
 * @param problem - `{ f, grad?, hess? }`.
 * @param x0 - Starting point.
 * @param options - `tol`, `maxIter`, `gradient`, `h`, `lineSearch`, `lineSearchOptions`, `callback`, `record`.
 * @returns The result record; `nhev` counts Hessian evaluations.
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * const r = newton(rosenbrock, [-1.2, 1]);
 * r.status; // 'converged', r.nit === 21
 * ```
 */
export function newton(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  return runNewton(problem, resolveOptions(problem, x0, options, 'newton'));
}

/** {@link newton} on options already resolved. */
export function runNewton(problem: Problem, o: Resolved): OptimizeResult {
  const kind = o.lineSearch;
  const search = bindSearch(
    kind,
    o.lineSearchOptions,
    kind === 'backtracking' ? SEARCH_DEFAULTS.interpolate : SEARCH_DEFAULTS.none,
  );
  const ev = new Evaluator(problem, o.n, o.gradient, o.h);
  return runDescent(problem, descentSetup(o), new NewtonRule(ev, o.n), search, ev);
}

/**
 * Modified-Newton direction with a one-off steepest-descent fallback. Where the Hessian is not positive
 * definite (τ > 0) the direction's length is bounded by a trust radius Δ (1 at the start, as SciPy's
 * trust-region methods; doubled after a step that reaches it, halved after one shorter than Δ/4), so a
 * nearly singular H + τI does not throw the iterate out of the start's basin.
 */
class NewtonRule implements DescentRule {
  private readonly ev: Evaluator;
  private readonly H: Float64Array;
  private readonly work: NewtonWork;
  private steepest = false;
  private radius = 1;

  constructor(ev: Evaluator, n: number) {
    this.ev = ev;
    this.H = new Float64Array(n * n);
    this.work = newtonWork(n);
  }

  direction(x: Float64Array, g: Float64Array, d: Float64Array, _k: number, st: DescentState): void {
    const n = g.length;
    if (!this.steepest) {
      this.ev.hess(x, this.H);
      const tau = modifiedNewtonStep(this.H, g, d, this.work);
      if (tau === 0) {
        st.a0 = 1;
        return;
      }
      if (tau > 0) {
        let dd = 0;
        for (let i = 0; i < n; i++) dd += d[i]! * d[i]!;
        const len = Math.sqrt(dd);
        if (len > this.radius) {
          const c = this.radius / len;
          for (let i = 0; i < n; i++) d[i] = c * d[i]!;
        }
        st.a0 = 1;
        return;
      }
    }
    let gg = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -g[i]!;
      gg += g[i]! * g[i]!;
    }
    st.a0 = Math.min(1, this.radius / Math.sqrt(gg));
  }

  restart(): boolean {
    if (this.steepest) return false;
    this.steepest = true;
    return true;
  }

  update(s: Float64Array): void {
    this.steepest = false;
    let ss = 0;
    for (let i = 0; i < s.length; i++) ss += s[i]! * s[i]!;
    const step = Math.sqrt(ss);
    if (step >= 0.99 * this.radius) this.radius = 2 * step;
    else if (step < 0.25 * this.radius) this.radius = 0.5 * this.radius;
  }
}
