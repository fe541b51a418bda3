import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  bindSearch,
  type DescentRule,
  type DescentState,
  descentSetup,
  runDescent,
  SEARCH_DEFAULTS,
} from './_descent.js';
import { Evaluator } from './_evaluator.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Saddle-free Newton (Dauphin et al., 2014, “Identifying and attacking the saddle point problem in
 * high-dimensional non-convex optimization”, §5): Newton's step with the Hessian replaced by its absolute
 * value, taken by eigen-decomposition (ml-matrix's symmetric `EigenvalueDecomposition`),
 *
 * ```math
 * \nabla^2 f(x_k) = \sum_i \lambda_i v_i v_i^\top, \qquad
 * |H|_\delta = \sum_i \max(|\lambda_i|, \delta \max_j |\lambda_j|)\, v_i v_i^\top, \qquad
 * d_k = -|H|_\delta^{-1} \nabla f(x_k), \qquad x_{k+1} = x_k + \alpha_k d_k .
 * ```
 *
 * Along an eigenvector of positive curvature the step is Newton's, −(vᵢᵀ∇f)/λᵢ; along one of negative
 * curvature it has the same length but its sign is flipped, so it goes downhill, away from a saddle
 * point, where Newton's step goes uphill, towards it (Newton solves ∇f = 0 and is attracted to any
 * critical point). |H|_δ is positive definite, so dₖ is always a descent direction; the floor δ (`damping`,
 * relative to the largest |λ|, so the step is invariant to a scaling of f like Newton's) bounds the step
 * where an eigenvalue is about zero. With a positive-definite Hessian whose eigenvalues are above the floor
 * it is Newton's method exactly: one step to the minimum of a quadratic. Where the gradient has no
 * component along the negative-curvature eigenvectors (on a saddle's attracting manifold, e.g. the x₁ axis
 * of x₁² − x₂²) no gradient-based step can leave it, this one included. A Hessian with a non-finite entry
 * or equal to zero gives a steepest-descent step instead, as does a failed line search (once).
 *
 * Defaults: `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, `damping` 1e-4, `lineSearch` `'strong-wolfe'` (c₁ = 1e-4,
 * c₂ = 0.9, first trial α = 1); also `'backtracking'`, `'exact'`, `'grid'` and `'none'` (α = 1 always:
 * the method as the paper writes it). The Hessian is the problem's `hess` or, without one, central
 * differences of the gradient. Each iteration decomposes an n×n matrix (O(n³); ml-matrix allocates its
 * factors, the method nothing else).
 *
 * @param problem - `{ f, grad?, hess? }`.
 * @param x0 - Starting point.
 * @param options - `tol`, `maxIter`, `maxfev`, `gradient`, `h`, `damping`, `lineSearch`, `lineSearchOptions`,
 *   `callback`, `record`.
 * @returns The result record; `nhev` counts Hessian evaluations.
 * @example
 * ```ts
 * import { saddle } from '@numcomp/core';
 * // f = x² − y² + (x⁴ + y⁴)/4 from next to its saddle point at the origin: out to the minimum (0, √2)
 * const r = saddleFreeNewton(saddle(0.25), [0.3, 0.01], { lineSearch: 'none', tol: 1e-10 });
 * r.status; // 'converged'; r.x ≈ [0, 1.4142135623730951], r.nit === 9
 * ```
 */
export function saddleFreeNewton(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  return runSaddleFreeNewton(problem, resolveOptions(problem, x0, options, 'saddle-free-newton'));
}

/** {@link saddleFreeNewton} on options already resolved. */
export function runSaddleFreeNewton(problem: Problem, o: Resolved): OptimizeResult {
  const kind = o.lineSearch;
  const search = bindSearch(
    kind,
    o.lineSearchOptions,
    kind === 'backtracking' ? SEARCH_DEFAULTS.interpolate : SEARCH_DEFAULTS.none,
  );
  const ev = new Evaluator(problem, o.n, o.gradient, o.h);
  return runDescent(problem, descentSetup(o), new SaddleFreeRule(ev, o.n, o.damping), search, ev);
}

/** The direction −|H|⁻¹∇f, with a one-off steepest-descent fallback. */
class SaddleFreeRule implements DescentRule {
  private readonly ev: Evaluator;
  private readonly damping: number;
  private readonly H: Float64Array;
  private readonly A: Matrix;
  /** vᵢᵀ∇f / |λᵢ|_δ for each eigenpair. */
  private readonly c: Float64Array;
  private steepest = false;

  constructor(ev: Evaluator, n: number, damping: number) {
    this.ev = ev;
    this.damping = damping;
    this.H = new Float64Array(n * n);
    this.A = new Matrix(n, n);
    this.c = new Float64Array(n);
  }

  direction(x: Float64Array, g: Float64Array, d: Float64Array, _k: number, st: DescentState): void {
    const n = g.length;
    if (!this.steepest && this.absoluteNewton(x, g, d)) {
      st.a0 = 1;
      return;
    }
    let gg = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -g[i]!;
      gg += g[i]! * g[i]!;
    }
    // A first trial step of length at most 1, as Newton's fallback.
    st.a0 = Math.min(1, 1 / Math.sqrt(gg));
  }

  /** Writes −|H|_δ⁻¹ g into `d`; false (d untouched) when H is not finite or is zero. */
  private absoluteNewton(x: Float64Array, g: Float64Array, d: Float64Array): boolean {
    const { H, A, c } = this;
    const n = g.length;
    this.ev.hess(x, H);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        // Symmetrised, as the eigensolver assumes.
        const v = i === j ? H[i * n + i]! : 0.5 * (H[i * n + j]! + H[j * n + i]!);
        if (!Number.isFinite(v)) return false;
        A.set(i, j, v);
      }
    }
    const evd = new EigenvalueDecomposition(A, { assumeSymmetric: true });
    const lambda = evd.realEigenvalues;
    const V = evd.eigenvectorMatrix;
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(lambda[i]!));
    if (!(big > 0)) return false;
    const floor = this.damping * big;
    for (let k = 0; k < n; k++) {
      let vg = 0;
      for (let i = 0; i < n; i++) vg += V.get(i, k) * g[i]!;
      c[k] = vg / Math.max(Math.abs(lambda[k]!), floor);
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += V.get(i, k) * c[k]!;
      d[i] = -s;
    }
    return true;
  }

  restart(): boolean {
    if (this.steepest) return false;
    this.steepest = true;
    return true;
  }

  update(): void {
    this.steepest = false;
  }
}
