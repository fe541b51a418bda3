// Newton's method as the book writes it (Deep Learning §4.3.1, eq. 4.12), with no safeguard: the step that
// jumps to the critical point of the local quadratic model, whatever its kind. numcomp's `newton` adds τI
// where the Hessian is not positive definite (Nocedal & Wright §3.4), so it is not attracted to saddle
// points; this is the method the book warns about.
import type { Matrix } from '@numcomp/core';
import { lstsq } from '@numcomp/optimizers';

/** What {@link pureNewton} needs: the gradient and the Hessian. */
export interface NewtonProblem {
  readonly grad: (x: Float64Array, out?: Float64Array) => Float64Array;
  readonly hess: (x: Float64Array) => Matrix;
}

/** How a run of {@link pureNewton} ended. */
export interface NewtonRun {
  /** The last iterate. */
  readonly x: Float64Array;
  /** Steps taken. */
  readonly nit: number;
  /** ‖∇f‖₂ ≤ tol (`'converged'`, at whatever critical point), `'max-iter'`, or `'diverged'` (x not finite or beyond 1e6). */
  readonly status: 'converged' | 'max-iter' | 'diverged';
  /** Every iterate, x₀ first, when asked for. */
  readonly path?: number[][];
}

/**
 * Pure Newton on ∇f = 0 from `x0`: x ← x − H(x)⁺∇f(x), with H⁺ the pseudo-inverse (optimizers' `lstsq`,
 * an SVD, or for n = 2 the explicit inverse when H is far from singular: 10× faster, for basin maps), so a
 * singular Hessian does not stop it. Stops when ‖∇f‖₂ ≤ `tol`.
 *
 * ```math
 * x_{k+1} = x_k - \nabla^2 f(x_k)^{-1} \nabla f(x_k)
 * ```
 *
 * @param problem - `{ grad, hess }`.
 * @param x0 - The start (copied).
 * @param tol - Gradient tolerance.
 * @param maxIter - Step limit.
 * @param record - Keep every iterate in `path`.
 * @returns `{ x, nit, status, path? }`.
 * @example
 * ```ts
 * pureNewton(saddle(0.25), [0.3, 0.01], 1e-10, 100).x; // ≈ (0, 0): the saddle point
 * ```
 */
export function pureNewton(
  problem: NewtonProblem,
  x0: ArrayLike<number>,
  tol: number,
  maxIter: number,
  record = false,
): NewtonRun {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const path = record ? [Array.from(x)] : undefined;
  for (let k = 0; ; k++) {
    problem.grad(x, g);
    let gg = 0;
    for (let i = 0; i < n; i++) gg += g[i]! * g[i]!;
    if (Math.sqrt(gg) <= tol) return { x, nit: k, status: 'converged', ...(path ? { path } : {}) };
    if (k >= maxIter) return { x, nit: k, status: 'max-iter', ...(path ? { path } : {}) };
    const d = newtonStep(problem.hess(x), g);
    let big = 0;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! - d[i]!;
      big = Math.max(big, Math.abs(x[i]!));
    }
    path?.push(Array.from(x));
    if (!(big <= 1e6)) return { x, nit: k + 1, status: 'diverged', ...(path ? { path } : {}) };
  }
}

/** H⁺g: by Cramer's rule for a 2 × 2 H with |det H| > 1e-12·max|hᵢⱼ|², else by `lstsq` (SVD). */
function newtonStep(H: Matrix, g: Float64Array): ArrayLike<number> {
  if (H.rows === 2) {
    const [a, b, c, d] = H.data as unknown as [number, number, number, number];
    const det = a * d - b * c;
    const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
    if (Math.abs(det) > 1e-12 * scale * scale) {
      return [(d * g[0]! - b * g[1]!) / det, (a * g[1]! - c * g[0]!) / det];
    }
  }
  return lstsq(H, g).x;
}
